package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.CodeSourceView;
import org.mltrace.collector.query.History;
import org.mltrace.collector.query.RunView;
import org.mltrace.collector.query.TriggerCounts;
import org.mltrace.collector.staleness.StaleReason;

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
    boolean anyTriggers =
        runs.stream()
            .map(r -> history.triggersOf(r.row().id()))
            .anyMatch(t -> !t.none() || t.pending());
    boolean anyStale = runs.stream().anyMatch(r -> !history.staleOf(r.row().id()).isEmpty());
    boolean sourceChanges = history.codeSourceChanges();
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        columns(
            anyFailed,
            anyTriggers,
            anyStale,
            sourceChanges,
            "STARTED",
            "DURATION",
            "STATUS",
            "RUN",
            "CODE",
            "CODE SOURCE",
            "TRIGGERS",
            "STALE",
            "ERROR"));
    for (RunView r : runs) {
      String code =
          r.row().codeVersion() == null
              ? "-"
              : r.row().codeVersion().substring(0, Math.min(12, r.row().codeVersion().length()));
      rows.add(
          columns(
              anyFailed,
              anyTriggers,
              anyStale,
              sourceChanges,
              TextFormat.time(r.row().startTime()),
              TextFormat.duration(r.duration()),
              r.row().status(),
              r.row().id(),
              code,
              CodeSourceView.brief(history.codeSourcesOf(r.row().id())),
              triggers(history.triggersOf(r.row().id())),
              stale(history.staleOf(r.row().id())),
              r.failed() ? TextFormat.oneLine(r.error()) : ""));
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }

  /**
   * {@code 3 pass}, or the failures and errors by name: {@code 1 pass, fail: psi, error: boom,
   * skipped: ks} (skipped: no reference run yet, so neither a failure nor an error); {@code
   * pending} while the engine has not evaluated them; {@code -} for a run without any.
   */
  static String triggers(TriggerCounts t) {
    if (t.pending()) {
      return "pending";
    }
    if (t.none()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    if (t.pass() > 0) {
      parts.add(t.pass() + " pass");
    }
    if (t.fail() > 0) {
      parts.add("fail: " + String.join(" ", t.failed()));
    }
    if (t.error() > 0) {
      parts.add("error: " + String.join(" ", t.errors()));
    }
    if (!t.skipped().isEmpty()) {
      parts.add("skipped: " + String.join(" ", t.skipped()));
    }
    return String.join(", ", parts);
  }

  /**
   * {@code -}, or the kinds of reasons the run is stale: {@code fresher_output, failed_trigger}.
   */
  static String stale(List<StaleReason> reasons) {
    if (reasons.isEmpty()) {
      return "-";
    }
    return String.join(", ", reasons.stream().map(r -> r.kind().key()).distinct().toList());
  }

  /**
   * The cells, without the trigger column when no run has results, the stale column when no run is
   * stale, the last (error) column when no run failed, and the code source column unless the runs'
   * code sources differ (a jar changed between them).
   */
  private static List<String> columns(
      boolean withError,
      boolean withTriggers,
      boolean withStale,
      boolean withSource,
      String... cells) {
    List<String> list = new ArrayList<>(List.of(cells));
    if (!withError) {
      list.remove(list.size() - 1);
    }
    if (!withStale) {
      list.remove(7);
    }
    if (!withTriggers) {
      list.remove(6);
    }
    if (!withSource) {
      list.remove(5);
    }
    return list;
  }
}
