package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.array;
import static org.mltrace.collector.query.JsonTrees.object;
import static org.mltrace.collector.query.JsonTrees.putLong;
import static org.mltrace.collector.query.JsonTrees.putNumber;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.tree;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * The documented JSON form of query results ({@code docs/cli.md}). Every run object carries {@code
 * id, component, method, status, startTime, endTime, durationMs, codeVersion, gitCommit, host, pid,
 * thread, agentId, inputs, outputs}, plus {@code error} when it failed; every input and output
 * carries {@code name, kind, type, value}, plus {@code className}, {@code size}, {@code
 * modifiedAt}, {@code fingerprint} and {@code summary} when known. Times are ISO-8601 instants in
 * UTC; a summary's moments are null when it has none.
 */
public final class JsonRenderer {

  private JsonRenderer() {}

  /**
   * A run trace is the root run object with {@code upstream}; a pointer trace names the pointer and
   * {@code producedBy}.
   */
  public static String render(TraceResult trace) {
    if (trace instanceof TraceResult.RunTrace run) {
      return write(traceNode(run.root()));
    }
    TraceResult.PointerTrace p = (TraceResult.PointerTrace) trace;
    ObjectNode o = object();
    o.put("pointer", p.pointer().identifier());
    o.put("pointerType", p.pointer().pointerType());
    o.put("className", p.pointer().className());
    o.put("flag", p.pointer().flag());
    o.put("firstSeen", time(p.pointer().firstSeen()));
    o.put("readers", p.readers());
    if (p.producedBy() == null) {
      o.putNull("producedBy");
    } else {
      o.set("producedBy", traceNode(p.producedBy()));
    }
    return write(o);
  }

  /** The run object with everything else recorded about it. */
  public static String render(RunDetail detail) {
    RunView r = detail.run();
    ObjectNode o = run(r);
    o.put("errorClass", r.row().errorClass());
    o.put("errorMessage", r.row().errorMessage());
    putLong(o, "durationNanos", r.row().durationNanos());
    o.put("ingestedAt", time(r.row().ingestedAt()));
    o.put("unrecordedBefore", r.row().unrecordedBefore());
    o.set("dependencies", links(detail.dependencies()));
    o.set("dependents", links(detail.dependents()));
    ComponentView c = detail.component();
    ObjectNode info = o.putObject("componentInfo");
    info.put("name", c.name());
    info.put("description", c.description());
    info.put("owner", c.owner());
    c.tags().forEach(info.putArray("tags")::add);
    c.methods().forEach(info.putArray("methods")::add);
    info.put("firstSeen", time(c.firstSeen()));
    info.put("lastSeen", time(c.lastSeen()));
    o.put("triggersPending", detail.triggersPending());
    triggers(o, detail.triggers());
    o.set("stale", AlertJson.reasons(detail.stale()));
    o.set("codeSources", codeSources(detail.codeSources()));
    return write(o);
  }

  /** {@code [{className, codeVersion, location, jar, jarSha256, maven}]}. */
  private static ArrayNode codeSources(List<CodeSourceView> sources) {
    ArrayNode list = array();
    for (CodeSourceView s : sources) {
      ObjectNode o = list.addObject();
      o.put("className", s.className());
      o.put("codeVersion", s.codeVersion());
      o.put("location", s.location());
      o.put("jar", s.jar());
      o.put("jarSha256", s.jarSha256());
      o.put("maven", s.maven());
    }
    return list;
  }

  private static void triggers(ObjectNode o, List<TriggerOutcome> results) {
    ArrayNode triggers = o.putArray("triggers");
    for (TriggerOutcome t : results) {
      ObjectNode result = triggers.addObject();
      result.put("trigger", t.triggerName());
      result.put("phase", t.phase());
      result.put("position", t.position());
      result.put("status", t.status());
      putNumber(result, "value", t.value());
      putNumber(result, "threshold", t.threshold());
      result.put("message", t.message());
      result.put("alert", t.alert());
      result.put("evaluatedAt", time(t.evaluatedAt()));
      result.put("durationMicros", t.durationMicros());
    }
  }

  /**
   * An array of run objects, newest first, each with {@code triggers}: its counts of {@code pass},
   * {@code fail} and {@code error} results and the names of the {@code failed}, {@code errors} and
   * {@code skipped} (no reference yet; not counted as a failure or an error).
   */
  public static String render(History history) {
    ArrayNode runs = array();
    for (RunView r : history.runs()) {
      ObjectNode o = run(r);
      TriggerCounts t = history.triggersOf(r.row().id());
      ObjectNode counts = o.putObject("triggers");
      counts.put("pass", t.pass());
      counts.put("fail", t.fail());
      counts.put("error", t.error());
      t.failed().forEach(counts.putArray("failed")::add);
      t.errors().forEach(counts.putArray("errors")::add);
      t.skipped().forEach(counts.putArray("skipped")::add);
      counts.put("pending", t.pending());
      o.set("stale", AlertJson.reasons(history.staleOf(r.row().id())));
      o.set("codeSources", codeSources(history.codeSourcesOf(r.row().id())));
      runs.add(o);
    }
    return write(runs);
  }

  /** An array of row objects keyed by column label. */
  public static String render(SqlResult result) {
    ArrayNode rows = array();
    for (List<Object> row : result.rows()) {
      ObjectNode o = rows.addObject();
      for (int i = 0; i < result.columns().size(); i++) {
        o.set(result.columns().get(i), tree(row.get(i)));
      }
    }
    return write(rows);
  }

  private static ObjectNode traceNode(TraceNode node) {
    ObjectNode o = run(node.run());
    if (!node.via().isEmpty()) {
      node.via().forEach(o.putArray("via")::add);
    }
    triggers(o, node.triggers());
    o.set("stale", AlertJson.reasons(node.stale()));
    ArrayNode upstream = o.putArray("upstream");
    node.upstream().forEach(child -> upstream.add(traceNode(child)));
    if (node.truncated()) {
      o.put("truncated", true);
    }
    return o;
  }

  static ObjectNode run(RunView r) {
    ObjectNode o = object();
    o.put("id", r.row().id());
    o.put("component", r.row().component());
    o.put("method", r.row().method());
    o.put("status", r.row().status());
    if (r.failed()) {
      o.put("error", r.error());
    }
    o.put("startTime", time(r.row().startTime()));
    o.put("endTime", time(r.row().endTime()));
    o.put("durationMs", r.durationMs());
    o.put("codeVersion", r.row().codeVersion());
    o.put("gitCommit", r.row().gitCommit());
    o.put("host", r.row().host());
    putLong(o, "pid", r.row().pid());
    o.put("thread", r.row().thread());
    o.put("agentId", r.row().agentId());
    o.set("inputs", values(r.inputs()));
    o.set("outputs", values(r.outputs()));
    return o;
  }

  private static ArrayNode values(List<ValueView> values) {
    ArrayNode array = array();
    for (ValueView v : values) {
      ObjectNode o = array.addObject();
      o.put("name", v.name());
      o.put("kind", v.kind());
      o.put("type", v.type());
      o.put("value", v.value());
      if (v.className() != null) {
        o.put("className", v.className());
      }
      if (v.size() != null) {
        o.put("size", v.size());
      }
      if (v.modifiedAt() != null) {
        o.put("modifiedAt", time(v.modifiedAt()));
      }
      if (v.fingerprint() != null) {
        o.put("fingerprint", v.fingerprint());
      }
      if (v.summary() != null) {
        o.set("summary", summary(v.summary()));
      }
    }
    return array;
  }

  private static ObjectNode summary(ValueSummary s) {
    ObjectNode o = object();
    o.put("elements", s.elements());
    o.put("sampling", s.sampling());
    o.put("count", s.count());
    o.put("sampled", s.sampled());
    o.put("nulls", s.nulls());
    o.put("nans", s.nans());
    putNumber(o, "min", s.min());
    putNumber(o, "max", s.max());
    putNumber(o, "mean", s.mean());
    putNumber(o, "stddev", s.stddev());
    o.put("distinct", s.distinct());
    return o;
  }

  /** JSON has no NaN: a missing moment is null. */
  private static ArrayNode links(List<LinkView> links) {
    ArrayNode array = array();
    for (LinkView l : links) {
      ObjectNode o = array.addObject();
      o.put("runId", l.runId());
      o.put("component", l.component());
      o.put("pointer", l.pointer());
    }
    return array;
  }
}
