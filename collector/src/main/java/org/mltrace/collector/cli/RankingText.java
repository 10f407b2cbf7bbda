package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.Ranking;

/** {@code review}'s and {@code slice}'s text: the ranked runs. */
final class RankingText {
  private RankingText() {}

  static String render(Ranking ranking, String what) {
    StringBuilder out = new StringBuilder();
    out.append(ranking.traced().size())
        .append(' ')
        .append(what)
        .append(ranking.traced().size() == 1 ? "" : "s")
        .append(" traced, ")
        .append(ranking.runs().size())
        .append(ranking.runs().size() == 1 ? " run" : " runs")
        .append(" in their traces\n");
    if (!ranking.unproduced().isEmpty()) {
      out.append("no recorded run wrote: ")
          .append(String.join(", ", ranking.unproduced()))
          .append('\n');
    }
    if (ranking.runs().isEmpty()) {
      return out.toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("RANK", "TRACES", "COMPONENT", "RUN", "STARTED", "STATUS", "STALE"));
    for (Ranking.RankedRun r : ranking.runs()) {
      rows.add(
          List.of(
              Integer.toString(r.rank()),
              r.traces() + "/" + (ranking.traced().size() - ranking.unproduced().size()),
              r.run().component(),
              r.run().id(),
              TextFormat.time(r.run().startTime()),
              r.run().status(),
              StaleCell.kinds(r.stale())));
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }
}
