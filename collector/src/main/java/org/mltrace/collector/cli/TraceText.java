package org.mltrace.collector.cli;

import java.util.List;
import org.mltrace.collector.query.TraceNode;
import org.mltrace.collector.query.TraceResult;
import org.mltrace.collector.query.ValueView;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * Draws a trace as an indented tree: each run's header, its inputs and outputs, then the runs it
 * depends on, one level deeper.
 *
 * <pre>
 * train  agent-1-7  2026-01-02T03:04:05.123Z  1.234 s  ok
 * │ in   features = /data/features.csv [data]
 * │ out  return = /data/model.bin [model]
 * │ pass 1 trigger
 * └─ featurize  agent-1-5  2026-01-02T03:03:59.001Z  5.2 ms  ok  (via /data/features.csv)
 *      in   raw = /data/raw.csv [data]
 *      out  return = /data/features.csv [data]
 *      FAIL  not_null (before_run): 'raw': 40 of 100 sampled values null or NaN (0.4), allowed 0.05
 * </pre>
 *
 * <p>A stale run gets one {@code STALE} line per reason, below its triggers.
 */
final class TraceText {
  private TraceText() {}

  static String render(TraceResult trace) {
    StringBuilder out = new StringBuilder();
    if (trace instanceof TraceResult.RunTrace run) {
      node(out, run.root(), "", true, true);
    } else {
      TraceResult.PointerTrace p = (TraceResult.PointerTrace) trace;
      String name = p.pointer().identifier() + " [" + p.pointer().pointerType() + "]";
      if (p.producedBy() == null) {
        out.append(name)
            .append(": no recorded run wrote it (read by ")
            .append(p.readers())
            .append(p.readers() == 1 ? " run)" : " runs)")
            .append('\n');
      } else {
        out.append(name).append(", written by:\n");
        node(out, p.producedBy(), "", true, false);
      }
    }
    return out.toString();
  }

  private static void node(
      StringBuilder out, TraceNode n, String prefix, boolean last, boolean root) {
    out.append(prefix)
        .append(root ? "" : last ? "└─ " : "├─ ")
        .append(TextFormat.runHeader(n.run()));
    if (!n.via().isEmpty()) {
      out.append("  (via ").append(String.join(", ", n.via())).append(')');
    }
    out.append('\n');
    String childPrefix = root ? prefix : prefix + (last ? "   " : "│  ");
    boolean hasChildren = !n.upstream().isEmpty() || n.truncated();
    String detail = childPrefix + (hasChildren ? "│ " : "  ");
    values(out, detail, "in   ", n.run().inputs());
    values(out, detail, "out  ", n.run().outputs());
    triggers(out, detail, n.triggers());
    for (StaleReason reason : n.stale()) {
      out.append(detail).append("STALE ").append(StaleText.line(reason)).append('\n');
    }
    List<TraceNode> children = n.upstream();
    for (int i = 0; i < children.size(); i++) {
      node(out, children.get(i), childPrefix, i == children.size() - 1 && !n.truncated(), false);
    }
    if (n.truncated()) {
      out.append(childPrefix)
          .append("└─ … more upstream runs not shown (trace size or --depth limit)\n");
    }
  }

  /**
   * Failed, errored and skipped triggers one per line, with the reason, since they are what a trace
   * is read for; passes as a count.
   */
  private static void triggers(StringBuilder out, String prefix, List<TriggerOutcome> results) {
    long passed = results.stream().filter(t -> t.status().equals("pass")).count();
    for (TriggerOutcome t : results) {
      if (!t.status().equals("pass")) {
        out.append(prefix)
            .append(
                switch (t.status()) {
                  case "fail" -> "FAIL ";
                  case "skipped" -> "SKIP ";
                  default -> "ERROR";
                })
            .append(' ')
            .append(t.triggerName())
            .append(" (")
            .append(t.phase())
            .append("): ")
            .append(TextFormat.oneLine(t.message() == null ? "" : t.message()))
            .append('\n');
      }
    }
    if (passed > 0) {
      out.append(prefix)
          .append("pass ")
          .append(passed)
          .append(passed == 1 ? " trigger\n" : " triggers\n");
    }
  }

  private static void values(
      StringBuilder out, String prefix, String label, List<ValueView> values) {
    for (ValueView v : values) {
      out.append(prefix).append(label).append(TextFormat.oneLine(TextFormat.value(v))).append('\n');
    }
  }
}
