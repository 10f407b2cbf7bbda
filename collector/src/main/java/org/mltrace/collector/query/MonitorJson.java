package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.object;
import static org.mltrace.collector.query.JsonTrees.putNumber;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.JdbcMetricStore;
import org.mltrace.collector.store.JdbcTaskSeriesStore;

/**
 * The JSON of the Monitor page's API calls and of {@code history --metric NAME --buckets N --json}
 * (docs/api.md, docs/cli.md).
 */
public final class MonitorJson {
  private MonitorJson() {}

  /** {@code {tasks: [NAME], components: [NAME]}}. */
  public static String overview(List<String> tasks, List<String> components) {
    ObjectNode o = object();
    tasks.forEach(o.putArray("tasks")::add);
    components.forEach(o.putArray("components")::add);
    return write(o);
  }

  /** {@code [{id, kind: value|summary|trigger, metric: true when declared type: metric}]}. */
  public static String choices(List<MonitorQuery.Choice> choices) {
    ArrayNode a = JsonTrees.array();
    for (MonitorQuery.Choice c : choices) {
      a.addObject().put("id", c.id()).put("kind", c.kind()).put("metric", c.declaredMetric());
    }
    return write(a);
  }

  /**
   * {@code {component, metric, kind, since, until, bucketMicros, threshold, buckets: [{start, runs,
   * values, min, mean, max, failed, runId}]}}: {@code runId} only for a bucket of one run; numbers
   * null when the bucket has no value.
   */
  public static String series(MonitorQuery.Series s) {
    ObjectNode o = object();
    o.put("component", s.component());
    o.put("metric", s.metric());
    o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
    o.put("since", time(s.since()));
    o.put("until", time(s.until()));
    o.put("bucketMicros", s.widthMicros());
    putNumber(o, "threshold", s.threshold());
    ArrayNode buckets = o.putArray("buckets");
    for (JdbcMetricStore.Bucket b : s.buckets()) {
      ObjectNode n = buckets.addObject();
      n.put("start", time(s.bucketStart(b.index())));
      n.put("runs", b.runs());
      n.put("values", b.values());
      putNumber(n, "min", b.min());
      putNumber(n, "mean", b.mean());
      putNumber(n, "max", b.max());
      n.put("failed", b.failed());
      if (b.runs() == 1) {
        n.put("runId", b.firstRun());
      }
    }
    return write(o);
  }

  /**
   * {@code {task, kind, window, waiting, joined, since, until, bucketMicros, slas: [{check, metric,
   * op, value, alert, state}], metrics: {NAME: [{start, values, min, mean, max, lastSeq}]},
   * labelled: [...the same...], alerts: [{id, position, sla, metric, status, openedAt, openedSeq,
   * openedValue, resolvedAt, resolvedSeq, resolvedValue}]}}.
   */
  public static String task(MonitorQuery.TaskSeries t) {
    TaskEvent e = t.report().task().event();
    ObjectNode o = object();
    o.put("task", e.name());
    o.put("kind", e.kind());
    o.put("window", t.report().task().windowText());
    o.put("waiting", t.report().waiting());
    o.put("joined", t.report().joinedTotal());
    o.put("since", time(t.since()));
    o.put("until", time(t.until()));
    o.put("bucketMicros", t.widthMicros());
    ArrayNode slas = o.putArray("slas");
    for (int i = 0; i < e.slas().size(); i++) {
      TaskEvent.Sla s = e.slas().get(i);
      slas.addObject()
          .put("check", s.toString())
          .put("metric", s.metric())
          .put("op", s.op())
          .put("value", s.value())
          .put("alert", s.alert())
          .put("state", t.report().slaStates().get(i));
    }
    ObjectNode metrics = o.putObject("metrics");
    ArrayNode labelled = o.putArray("labelled");
    for (JdbcTaskSeriesStore.Bucket b : t.buckets()) {
      ArrayNode into = b.metric().equals("labelled") ? labelled : metrics.withArray(b.metric());
      ObjectNode n = into.addObject();
      n.put("start", time(t.bucketStart(b.index())));
      n.put("values", b.values());
      putNumber(n, "min", b.min());
      putNumber(n, "mean", b.mean());
      putNumber(n, "max", b.max());
      n.put("lastSeq", b.lastSeq());
    }
    ArrayNode alerts = o.putArray("alerts");
    for (MonitorQuery.AlertMark m : t.alerts()) {
      JdbcTaskSeriesStore.SlaAlert a = m.alert();
      ObjectNode n = alerts.addObject();
      n.put("id", a.id());
      n.put("position", a.position());
      n.put("sla", a.sla());
      n.put("metric", m.metric());
      n.put("status", a.status());
      n.put("openedAt", time(a.openedAt()));
      n.put("openedSeq", a.openedSeq());
      putNumber(n, "openedValue", a.openedValue());
      n.put("resolvedAt", time(a.resolvedAt()));
      if (a.resolvedSeq() >= 0) {
        n.put("resolvedSeq", a.resolvedSeq());
      } else {
        n.putNull("resolvedSeq");
      }
      putNumber(n, "resolvedValue", m.resolvedValue());
    }
    return write(o);
  }
}
