package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.MetricSeries;
import org.mltrace.collector.query.MonitorQuery;

/** {@code history COMPONENT --metric NAME}'s text: one line per value, newest run first. */
final class MetricText {
  private MetricText() {}

  static String render(MetricSeries series) {
    List<MetricSeries.Point> points = series.points();
    boolean trigger = points.stream().anyMatch(p -> p.status() != null);
    StringBuilder out = new StringBuilder();
    out.append(series.component())
        .append(' ')
        .append(series.metric())
        .append(": ")
        .append(points.size())
        .append(points.size() == 1 ? " value" : " values")
        .append(", newest first")
        .append(points.size() == series.limit() ? " (limit " + series.limit() + ")" : "")
        .append('\n');
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        trigger
            ? List.of("STARTED", "RUN", "VALUE", "STATUS", "DECLARATION")
            : List.of("STARTED", "RUN", "VALUE", "FROM"));
    for (MetricSeries.Point p : points) {
      String value = Double.isFinite(p.value()) ? number(p.value()) : "-";
      rows.add(
          trigger
              ? List.of(TextFormat.time(p.startTime()), p.runId(), value, p.status(), p.source())
              : List.of(TextFormat.time(p.startTime()), p.runId(), value, p.source()));
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }

  /**
   * {@code history COMPONENT --metric NAME --buckets N}'s text: one line per bucket with runs,
   * oldest first.
   */
  static String renderBuckets(MonitorQuery.Series series) {
    boolean trigger = series.isTrigger();
    StringBuilder out = new StringBuilder();
    out.append(series.component())
        .append(' ')
        .append(series.metric())
        .append(": ")
        .append(series.buckets().size())
        .append(series.buckets().size() == 1 ? " bucket" : " buckets")
        .append(" of ")
        .append(width(series.widthMicros()))
        .append(" from ")
        .append(TextFormat.time(series.since()))
        .append(" to ")
        .append(TextFormat.time(series.until()))
        .append(", oldest first");
    if (Double.isFinite(series.threshold())) {
      out.append(" (threshold ").append(number(series.threshold())).append(')');
    }
    out.append('\n');
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("FROM", "RUNS", "MIN", "MEAN", "MAX", "RUN"));
    if (trigger) {
      header.add(5, "FAILED");
    }
    rows.add(header);
    for (var b : series.buckets()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  TextFormat.time(series.bucketStart(b.index())),
                  Long.toString(b.runs()),
                  cell(b.min()),
                  cell(b.mean()),
                  cell(b.max()),
                  b.runs() == 1 ? b.firstRun() : ""));
      if (trigger) {
        row.add(5, Long.toString(b.failed()));
      }
      rows.add(row);
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }

  /**
   * {@code 2m}, {@code 1d} when whole; else in the largest unit it fills, to two decimals ({@code
   * 9.998d}); below a minute as other durations ({@code 22.3 ms}).
   */
  private static String width(long micros) {
    long[] units = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (micros % units[i] == 0) {
        return micros / units[i] + names[i];
      }
    }
    for (int i = 0; i < 3; i++) {
      if (micros >= units[i]) {
        return String.format(java.util.Locale.ROOT, "%.2f%s", (double) micros / units[i], names[i]);
      }
    }
    return TextFormat.duration(java.time.Duration.ofNanos(micros * 1000));
  }

  private static String cell(double d) {
    return Double.isFinite(d) ? number(d) : "-";
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
