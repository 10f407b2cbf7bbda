package org.mltrace.collector.query;

import static org.mltrace.collector.query.JsonTrees.array;
import static org.mltrace.collector.query.JsonTrees.time;
import static org.mltrace.collector.query.JsonTrees.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON of {@code mltrace label list --json} and {@code label show --json} (docs/cli.md). */
public final class LabelJson {
  private LabelJson() {}

  /** An array of {@code {label, retractedAt, pointers: [{pointer, addedAt}]}}, by label. */
  public static String list(List<LabelInfo> labels) {
    ArrayNode array = array();
    labels.forEach(l -> fill(array.addObject(), l));
    return write(array);
  }

  /**
   * {@code {label, retractedAt, pointers: [...], derived: {runs: [{id, component, startTime,
   * status, depth}], outputs: [{pointer, type, writtenBy}]}}}.
   */
  public static String show(LabelInfo label) {
    ObjectNode o = JsonTrees.object();
    fill(o, label);
    ObjectNode derived = o.putObject("derived");
    ArrayNode runs = derived.putArray("runs");
    for (ImpactResult.Run r : label.derived().runs()) {
      ObjectNode run = runs.addObject();
      run.put("id", r.run().id());
      run.put("component", r.run().component());
      run.put("startTime", time(r.run().startTime()));
      run.put("status", r.run().status());
      run.put("depth", r.depth());
    }
    ArrayNode outputs = derived.putArray("outputs");
    for (ImpactResult.Output out : label.derived().outputs()) {
      ObjectNode p = outputs.addObject();
      p.put("pointer", out.pointer());
      p.put("type", out.type());
      out.writtenBy().forEach(p.putArray("writtenBy")::add);
    }
    return write(o);
  }

  private static void fill(ObjectNode o, LabelInfo l) {
    o.put("label", l.label());
    o.put("retractedAt", time(l.retractedAt()));
    ArrayNode pointers = o.putArray("pointers");
    for (LabelInfo.Carrier c : l.direct()) {
      pointers.addObject().put("pointer", c.pointer()).put("addedAt", time(c.addedAt()));
    }
  }
}
