package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.array;
import static org.mltrace.collector.query.JsonTrees.putNumber;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StaleRun;
import org.mltrace.collector.store.Alert;

/**
 * The JSON of {@code mltrace alerts --json} and {@code mltrace stale --json} (docs/cli.md). Times
 * are ISO-8601 instants in UTC; missing values are null.
 */
public final class AlertJson {

  private AlertJson() {}

  /**
   * An array of {@code {id, component, trigger, phase, position, status, openedAt, openedByRun,
   * resolvedAt, resolvedByRun, value, threshold, message}}.
   */
  public static String alerts(List<Alert> alerts) {
    ArrayNode array = array();
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
      putNumber(o, "value", a.value());
      putNumber(o, "threshold", a.threshold());
      o.put("message", a.message());
    }
    return write(array);
  }

  /**
   * An array of {@code {runId, component, startTime, reasons: [{kind, dependencyRunId,
   * dependencyComponent, message}]}}.
   */
  public static String stale(List<StaleRun> runs) {
    ArrayNode array = array();
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
    ArrayNode array = array();
    for (StaleReason s : reasons) {
      ObjectNode o = array.addObject();
      o.put("kind", s.kind().key());
      o.put("dependencyRunId", s.dependencyRunId());
      o.put("dependencyComponent", s.dependencyComponent());
      o.put("message", s.message());
    }
    return array;
  }
}
