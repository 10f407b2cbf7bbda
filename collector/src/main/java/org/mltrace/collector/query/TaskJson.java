package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.object;
import static org.mltrace.collector.query.JsonTrees.putNumber;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.TaskPoint;
import org.mltrace.collector.truth.FeedbackImport;
import org.mltrace.collector.truth.TaskReport;

/** The JSON of {@code mltrace task --json} and {@code mltrace feedback --json} (docs/cli.md). */
public final class TaskJson {
  private TaskJson() {}

  /**
   * {@code {task, kind, window, prediction, feedback, cut, unusable, joined, waiting, slas:
   * [{check, alert, state}], series: [{seq, evaluatedAt, labelled, metrics: {NAME: value}}]}};
   * undefined metrics are null.
   */
  public static String report(TaskReport r) {
    TaskEvent e = r.task().event();
    ObjectNode o = object();
    o.put("task", e.name());
    o.put("kind", e.kind());
    o.put("window", r.task().windowText());
    o.put(
        "prediction",
        e.predictionComponent() + "." + e.predictionId() + " -> " + e.predictionValue());
    o.put(
        "feedback",
        e.feedbackComponent() == null
            ? "file"
            : e.feedbackComponent() + "." + e.feedbackId() + " -> " + e.feedbackLabel());
    o.put("cut", r.cut());
    o.put("unusable", r.unusable());
    o.put("joined", r.joinedTotal());
    o.put("waiting", r.waiting());
    ArrayNode slas = o.putArray("slas");
    for (int i = 0; i < e.slas().size(); i++) {
      ObjectNode s = slas.addObject();
      s.put("check", e.slas().get(i).toString());
      s.put("alert", e.slas().get(i).alert());
      s.put("state", r.slaStates().get(i));
    }
    ArrayNode series = o.putArray("series");
    for (TaskPoint p : r.series()) {
      ObjectNode point = series.addObject();
      point.put("seq", p.seq());
      point.put("evaluatedAt", time(p.evaluatedAt()));
      point.put("labelled", p.labelled());
      metrics(point.putObject("metrics"), p.metrics());
    }
    return write(o);
  }

  /**
   * {@code {task, labels, joined, waiting, labelled, metrics, alerts: [{type, alertId, trigger}]}}.
   */
  public static String feedback(FeedbackImport.Result r) {
    ObjectNode o = object();
    o.put("task", r.task());
    o.put("labels", r.labels());
    o.put("joined", r.joined());
    o.put("waiting", r.waiting());
    o.put("labelled", r.labelled());
    metrics(o.putObject("metrics"), r.metrics());
    ArrayNode alerts = o.putArray("alerts");
    r.alerts()
        .forEach(
            a ->
                alerts
                    .addObject()
                    .put("type", a.type().name().toLowerCase(java.util.Locale.ROOT))
                    .put("alertId", a.alertId())
                    .put("trigger", a.trigger()));
    return write(o);
  }

  private static void metrics(ObjectNode o, Map<String, Double> metrics) {
    metrics.forEach((k, v) -> putNumber(o, k, v));
  }
}
