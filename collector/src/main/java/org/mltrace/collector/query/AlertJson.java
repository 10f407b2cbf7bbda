package org.mltrace.collector.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.mltrace.collector.alert.Alert;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StaleRun;

/**
 * The JSON of {@code mltrace alerts --json} and {@code mltrace stale --json} (docs/cli.md). Times
 * are ISO-8601 instants in UTC; missing values are null.
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AlertJson() {}

  /**
   * An array of {@code {id, component, trigger, phase, position, status, openedAt, openedByRun,
   * resolvedAt, resolvedByRun, value, threshold, message}}.
   */
  public static String alerts(List<Alert> alerts) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Alert a : alerts) {
      ObjectNode o = array.addObject();
      o.put("id", a.id());
      o.put("component", a.component());
      o.put("trigger", a.triggerName());
      o.put("phase", a.phase());
      o.put("position", a.position());
      o.put("status", a.status());
      o.put("openedAt", time(a.openedAt()));
      o.put("openedByRun", a.openedByRun());
      o.put("resolvedAt", time(a.resolvedAt()));
      o.put("resolvedByRun", a.resolvedByRun());
      if (a.value() == null) {
        o.putNull("value");
      } else {
        o.put("value", a.value());
      }
      if (a.threshold() == null) {
        o.putNull("threshold");
      } else {
        o.put("threshold", a.threshold());
      }
      o.put("message", a.message());
    }
    return write(array);
  }

  /**
   * An array of {@code {runId, component, startTime, reasons: [{kind, dependencyRunId,
   * dependencyComponent, message}]}}.
   */
  public static String stale(List<StaleRun> runs) {
    ArrayNode array = MAPPER.createArrayNode();
    for (StaleRun r : runs) {
      ObjectNode o = array.addObject();
      o.put("runId", r.runId());
      o.put("component", r.component());
      o.put("startTime", time(r.start()));
      o.set("reasons", reasons(r.reasons()));
    }
    return write(array);
  }

  /** An array of {@code {kind, dependencyRunId, dependencyComponent, message}}. */
  public static ArrayNode reasons(List<StaleReason> reasons) {
    ArrayNode array = MAPPER.createArrayNode();
    for (StaleReason s : reasons) {
      ObjectNode o = array.addObject();
      o.put("kind", s.kind().key());
      o.put("dependencyRunId", s.dependencyRunId());
      o.put("dependencyComponent", s.dependencyComponent());
      o.put("message", s.message());
    }
    return array;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e); // plain nodes always serialize
    }
  }
}
