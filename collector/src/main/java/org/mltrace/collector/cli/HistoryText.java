package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.History;
import org.mltrace.collector.query.RunView;

/** Prints a component's runs as an aligned table, newest first. */
final class HistoryText {
  private HistoryText() {}

  static String render(History history) {
    List<RunView> runs = history.runs();
    StringBuilder out = new StringBuilder();
    out.append(history.component())
        .append(": ")
        .append(runs.size())
        .append(runs.size() == 1 ? " run" : " runs")
        .append(", newest first")
        .append(runs.size() == history.limit() ? " (limit " + history.limit() + ")" : "")
        .append('\n');
    if (runs.isEmpty()) {
      return out.toString();
    }
    boolean anyFailed = runs.stream().anyMatch(RunView::failed);
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns(anyFailed, "STARTED", "DURATION", "STATUS", "RUN", "CODE", "ERROR"));
    for (RunView r : runs) {
      String code =
          r.codeVersion() == null
              ? "-"
              : r.codeVersion().substring(0, Math.min(12, r.codeVersion().length()));
      rows.add(
          columns(
              anyFailed,
              TextFormat.time(r.startTime()),
              TextFormat.duration(r.duration()),
              r.status(),
              r.id(),
              code,
              r.failed() ? TextFormat.oneLine(r.error()) : ""));
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }

  /** The cells, without the last (error) column when no run failed. */
  private static List<String> columns(boolean withError, String... cells) {
    List<String> list = List.of(cells);
    return withError ? list : list.subList(0, list.size() - 1);
  }
}
