package org.mltrace.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sinks are told: an alert opened or resolved. {@code runId}, {@code value}, {@code
 * threshold} and {@code message} come from the result that caused the event: the failing run's for
 * {@code opened}, the passing run's for {@code resolved}.
 */
public record AlertEvent(
    Type type,
    long alertId,
    String component,
    String trigger,
    String phase,
    String runId,
    Double value,
    Double threshold,
    String message,
    Instant openedAt,
    Instant resolvedAt) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public enum Type {
    OPENED("opened"),
    RESOLVED("resolved");

    private final String word;

    Type(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /**
   * The documented JSON body (docs/alerts.md), keys in this order: {@code event, alert_id,
   * component, trigger, phase, run_id, value, threshold, message, opened_at, resolved_at}; absent
   * values are JSON null, times ISO-8601 instants in UTC.
   */
  public String toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("event", type.word());
    o.put("alert_id", alertId);
    o.put("component", component);
    o.put("trigger", trigger);
    o.put("phase", phase);
    o.put("run_id", runId);
    putNumber(o, "value", value);
    putNumber(o, "threshold", threshold);
    o.put("message", message);
    o.put("opened_at", openedAt == null ? null : openedAt.toString());
    o.put("resolved_at", resolvedAt == null ? null : resolvedAt.toString());
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e); // plain nodes always serialize
    }
  }

  /**
   * The environment a command hook receives: {@code MLTRACE_ALERT_EVENT}, {@code _ID}, {@code
   * _COMPONENT}, {@code _TRIGGER}, {@code _PHASE}, {@code _RUN_ID}, {@code _VALUE}, {@code
   * _THRESHOLD}, {@code _MESSAGE}, {@code _OPENED_AT}, {@code _RESOLVED_AT}; absent values are
   * empty strings.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MLTRACE_ALERT_EVENT", type.word());
    env.put("MLTRACE_ALERT_ID", Long.toString(alertId));
    env.put("MLTRACE_ALERT_COMPONENT", component);
    env.put("MLTRACE_ALERT_TRIGGER", trigger);
    env.put("MLTRACE_ALERT_PHASE", phase);
    env.put("MLTRACE_ALERT_RUN_ID", runId);
    env.put("MLTRACE_ALERT_VALUE", value == null ? "" : value.toString());
    env.put("MLTRACE_ALERT_THRESHOLD", threshold == null ? "" : threshold.toString());
    env.put("MLTRACE_ALERT_MESSAGE", message == null ? "" : message);
    env.put("MLTRACE_ALERT_OPENED_AT", openedAt == null ? "" : openedAt.toString());
    env.put("MLTRACE_ALERT_RESOLVED_AT", resolvedAt == null ? "" : resolvedAt.toString());
    return env;
  }

  @Override
  public String toString() {
    return "alert #" + alertId + " " + type.word() + " (" + component + "/" + trigger + ")";
  }

  private static void putNumber(ObjectNode o, String key, Double v) {
    if (v == null || !Double.isFinite(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }
}
