package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.array;
import static org.mltrace.collector.query.JsonTrees.object;
import static org.mltrace.collector.query.JsonTrees.parseObject;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.RunRow;

/**
 * The JSON form ({@code docs/cli.md}) of the overview and analysis commands: {@code recent}, {@code
 * components}, {@code tags}, {@code flag}, {@code impact}, {@code review}, {@code slice}. Runs
 * appear as run summaries: {@code id, component, startTime, endTime, status}.
 */
public final class AnalysisJson {

  private AnalysisJson() {}

  public static String runs(List<RunRow> runs) {
    ArrayNode a = array();
    runs.forEach(r -> a.add(run(r)));
    return write(a);
  }

  public static String components(List<ComponentSummary> components) {
    ArrayNode a = array();
    for (ComponentSummary c : components) {
      ObjectNode o = a.addObject();
      o.put("name", c.name());
      o.put("owner", c.owner());
      c.tags().forEach(o.putArray("tags")::add);
      o.put("runs", c.runs());
      o.put("lastRunId", c.lastRunId());
      o.put("lastRunStart", time(c.lastRunStart()));
      o.put("lastStatus", c.lastStatus());
      o.set("lastRunStale", stale(c.lastRunStale()));
    }
    return write(a);
  }

  public static String tags(List<TagUse> tags) {
    ArrayNode a = array();
    for (TagUse t : tags) {
      ObjectNode o = a.addObject();
      o.put("tag", t.tag());
      t.components().forEach(o.putArray("components")::add);
    }
    return write(a);
  }

  public static String flags(List<Annotations.Flag> flags) {
    ArrayNode a = array();
    for (Annotations.Flag f : flags) {
      ObjectNode o = a.addObject();
      o.put("pointer", f.pointer());
      o.put("note", f.note());
      o.put("flaggedAt", time(f.flaggedAt()));
    }
    return write(a);
  }

  public static String notes(List<Annotations.Note> notes) {
    return write(notesArray(notes));
  }

  private static ArrayNode notesArray(List<Annotations.Note> notes) {
    ArrayNode a = array();
    for (Annotations.Note n : notes) {
      ObjectNode o = a.addObject();
      o.put("runId", n.runId());
      o.put("note", n.text());
      o.put("notedAt", time(n.notedAt()));
    }
    return a;
  }

  /**
   * {@code inspect}'s JSON object with {@code notes} added: an array of {@code {runId, note,
   * notedAt}}, oldest first, and {@code labelWarnings} (see {@link #withLabelWarnings}); kept out
   * of {@link JsonRenderer} so each query's JSON has one owner.
   */
  public static String withNotes(
      String runObjectJson, List<Annotations.Note> notes, List<LabelWarning> warnings) {
    ObjectNode o = parseObject(runObjectJson);
    o.set("notes", notesArray(notes));
    o.set("labelWarnings", labelWarnings(warnings));
    return write(o);
  }

  /**
   * The run object with {@code purges}: {@code [ { purgeId, label, purgedAt, purgedBy, reason } ]}.
   */
  public static String withPurges(String runObjectJson, List<PurgeNotice> purges) {
    ObjectNode o = parseObject(runObjectJson);
    ArrayNode array = o.putArray("purges");
    for (PurgeNotice p : purges) {
      ObjectNode n = array.addObject();
      n.put("purgeId", p.purgeId());
      n.put("label", p.label());
      n.put("purgedAt", time(p.purgedAt()));
      n.put("purgedBy", p.purgedBy());
      n.put("reason", p.reason());
    }
    return write(o);
  }

  /** {@code { component, metric, points: [ { runId, startTime, source, value, status? } ] } }. */
  public static String metric(MetricSeries series) {
    ObjectNode o = object();
    o.put("component", series.component());
    o.put("metric", series.metric());
    ArrayNode points = o.putArray("points");
    for (MetricSeries.Point p : series.points()) {
      ObjectNode n = points.addObject();
      n.put("runId", p.runId());
      n.put("startTime", time(p.startTime()));
      n.put("source", p.source());
      if (Double.isFinite(p.value())) {
        n.put("value", p.value());
      } else {
        n.putNull("value");
      }
      if (p.status() != null) {
        n.put("status", p.status());
      }
    }
    return write(o);
  }

  public static String impact(ImpactResult impact) {
    return impact(impact.rootIsRun() ? "run" : "pointer", impact);
  }

  /** {@code label outputs}: as {@link #impact}, keyed {@code label}. */
  public static String labelOutputs(ImpactResult derived) {
    return impact("label", derived);
  }

  private static String impact(String rootKey, ImpactResult impact) {
    ObjectNode o = object();
    o.put(rootKey, impact.root());
    ArrayNode runs = o.putArray("runs");
    for (ImpactResult.Run r : impact.runs()) {
      runs.add(run(r.run()).put("depth", r.depth()));
    }
    ArrayNode outputs = o.putArray("outputs");
    for (ImpactResult.Output out : impact.outputs()) {
      ObjectNode p = outputs.addObject();
      p.put("pointer", out.pointer());
      p.put("type", out.type());
      out.writtenBy().forEach(p.putArray("writtenBy")::add);
    }
    return write(o);
  }

  public static String ranking(Ranking ranking) {
    ObjectNode o = object();
    ranking.traced().forEach(o.putArray("traced")::add);
    ranking.unproduced().forEach(o.putArray("unproduced")::add);
    ArrayNode runs = o.putArray("runs");
    for (Ranking.RankedRun r : ranking.runs()) {
      ObjectNode n = run(r.run());
      n.put("rank", r.rank());
      n.put("traces", r.traces());
      n.set("stale", stale(r.stale()));
      runs.add(n);
    }
    return write(o);
  }

  /**
   * A JSON object (trace's) with {@code labelWarnings} added: {@code [ { runId, label, pointer,
   * retractedAt, message } ]}.
   */
  public static String withLabelWarnings(String objectJson, List<LabelWarning> warnings) {
    ObjectNode o = parseObject(objectJson);
    o.set("labelWarnings", labelWarnings(warnings));
    return write(o);
  }

  private static ArrayNode labelWarnings(List<LabelWarning> warnings) {
    ArrayNode a = array();
    for (LabelWarning w : warnings) {
      ObjectNode o = a.addObject();
      o.put("runId", w.runId());
      o.put("label", w.label());
      o.put("pointer", w.pointer());
      o.put("retractedAt", time(w.retractedAt()));
      o.put("message", w.message());
    }
    return a;
  }

  private static ArrayNode stale(List<StaleReason> reasons) {
    ArrayNode a = array();
    for (StaleReason s : reasons) {
      ObjectNode o = a.addObject();
      o.put("kind", s.kind().key());
      o.put("dependencyRunId", s.dependencyRunId());
      o.put("message", s.message());
    }
    return a;
  }

  /** {@code {id, component, startTime, endTime, status}}: a run in a list. */
  public static ObjectNode run(RunRow r) {
    ObjectNode o = object();
    o.put("id", r.id());
    o.put("component", r.component());
    o.put("startTime", time(r.startTime()));
    o.put("endTime", time(r.endTime()));
    o.put("status", r.status());
    return o;
  }
}
