package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.MetricSeries;

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

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
