package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.ImpactResult;

/** {@code impact}'s text: the derived runs, then the outputs they wrote. */
final class ImpactText {
  private ImpactText() {}

  static String render(ImpactResult impact) {
    StringBuilder out = new StringBuilder();
    out.append(impact.rootIsRun() ? "run " : "")
        .append(impact.root())
        .append(": ")
        .append(impact.runs().size())
        .append(impact.runs().size() == 1 ? " derived run, " : " derived runs, ")
        .append(impact.outputs().size())
        .append(impact.outputs().size() == 1 ? " output\n" : " outputs\n");
    if (!impact.runs().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("STARTED", "COMPONENT", "RUN", "STATUS", "DEPTH"));
      for (ImpactResult.Run r : impact.runs()) {
        rows.add(
            List.of(
                TextFormat.time(r.run().startTime()),
                r.run().component(),
                r.run().id(),
                r.run().status(),
                Integer.toString(r.depth())));
      }
      out.append(TableText.aligned(rows, "  "));
    }
    if (!impact.outputs().isEmpty()) {
      out.append("outputs\n");
      for (ImpactResult.Output o : impact.outputs()) {
        out.append("  ")
            .append(o.pointer())
            .append(o.type() == null ? "" : " [" + o.type() + "]")
            .append("  written by ")
            .append(String.join(", ", o.writtenBy()))
            .append('\n');
      }
    }
    return out.toString();
  }
}
