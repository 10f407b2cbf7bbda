package org.mltrace.collector.cli;

import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StaleRun;

/** Prints stale runs: a line per run, then an indented line per reason. */
final class StaleText {
  private StaleText() {}

  static String render(List<StaleRun> runs) {
    if (runs.isEmpty()) {
      return "no component's latest run is stale\n";
    }
    StringBuilder out = new StringBuilder();
    for (StaleRun r : runs) {
      out.append(r.component())
          .append("  ")
          .append(r.runId())
          .append("  started ")
          .append(TextFormat.time(r.start()))
          .append(": stale\n");
      for (StaleReason reason : r.reasons()) {
        out.append("  ").append(line(reason)).append('\n');
      }
    }
    return out.toString();
  }

  /** {@code kind: message}, one line; also used under a run in inspect and history. */
  static String line(StaleReason reason) {
    return reason.kind().key() + ": " + TextFormat.oneLine(reason.message());
  }
}
