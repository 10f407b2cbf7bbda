package org.mltrace.collector.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task's windowed metrics over time ({@code task_evaluations}, {@code task_metrics}) aggregated
 * by the database into time buckets of evaluation time, and its SLA alerts ({@code alerts} of
 * component {@code task:NAME}, phase {@code sla}), for the web UI's Monitor page. Throws {@link
 * StoreException} when the database fails.
 */
public final class JdbcTaskSeriesStore {
  /**
   * One bucket of one metric (or of {@code labelled}, the joined pairs in the window): the
   * evaluations in {@code [since + index * width, ... + width)}.
   *
   * @param values evaluations with a defined value (min, mean, max NaN when none)
   * @param lastSeq the bucket's latest evaluation
   */
  public record Bucket(
      long index, String metric, long values, double min, double mean, double max, long lastSeq) {}

  /**
   * An SLA alert: {@code position} is the SLA's index in the task's list; the evaluations that
   * opened and resolved it are {@code openedSeq} and {@code resolvedSeq} (-1 while open).
   */
  public record SlaAlert(
      long id,
      int position,
      String sla,
      String status,
      Instant openedAt,
      long openedSeq,
      double openedValue,
      Instant resolvedAt,
      long resolvedSeq) {}

  private final Database database;

  public JdbcTaskSeriesStore(Database database) {
    this.database = database;
  }

  /** The task's first and latest evaluation time, empty when it has none. */
  public Optional<Instant[]> span(String task) {
    return SqlRows.query(
            database,
            "finding the evaluations of task " + task,
            "SELECT MIN(evaluated_at) AS first_at, MAX(evaluated_at) AS last_at"
                + " FROM task_evaluations WHERE task = ?",
            rs -> {
              Instant first = Jdbc.time(rs, "first_at");
              return first == null ? null : new Instant[] {first, Jdbc.time(rs, "last_at")};
            },
            task)
        .stream()
        .filter(a -> a != null)
        .findFirst();
  }

  /**
   * Each metric's buckets, and {@code labelled}'s, of the evaluations in {@code [since, until)},
   * ordered by metric then bucket.
   */
  public List<Bucket> buckets(String task, Instant since, Instant until, long widthMicros) {
    long from = JdbcMetricStore.micros(since);
    String evaluations =
        "SELECT "
            + MetricSql.bucketOf("e.evaluated_at")
            + " AS b, e.seq, %s AS metric, %s AS v FROM task_evaluations e%s"
            + " WHERE e.task = ? AND e.evaluated_at >= ? AND e.evaluated_at < ?";
    String metrics =
        evaluations.formatted(
            "m.metric",
            "m.metric_value",
            " JOIN task_metrics m ON m.task = e.task AND m.seq = e.seq");
    String labelled =
        evaluations.formatted("'labelled'", "CAST(e.labelled AS DOUBLE PRECISION)", "");
    return SqlRows.query(
        database,
        "aggregating the metrics of task " + task,
        "SELECT b, metric, COUNT(v), MIN(v), AVG(v), MAX(v), MAX(seq) FROM ("
            + metrics
            + " UNION ALL "
            + labelled
            + ") z GROUP BY metric, b ORDER BY metric, b",
        rs -> {
          long values = rs.getLong(3);
          return new Bucket(
              rs.getLong(1),
              rs.getString(2),
              values,
              values == 0 ? Double.NaN : rs.getDouble(4),
              values == 0 ? Double.NaN : rs.getDouble(5),
              values == 0 ? Double.NaN : rs.getDouble(6),
              rs.getLong(7));
        },
        from,
        widthMicros,
        task,
        since,
        until,
        from,
        widthMicros,
        task,
        since,
        until);
  }

  /** The SLA alerts of the task open at some time in {@code [since, until)}, oldest first. */
  public List<SlaAlert> alerts(String task, Instant since, Instant until) {
    String ref = "task:" + task + "#";
    return SqlRows.query(
        database,
        "reading the SLA alerts of task " + task,
        "SELECT id, position, trigger_name, status, opened_at, opened_by_run, value, resolved_at,"
            + " resolved_by_run FROM alerts WHERE component = ? AND phase = 'sla'"
            + " AND opened_at < ? AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY id",
        rs ->
            new SlaAlert(
                rs.getLong("id"),
                rs.getInt("position"),
                rs.getString("trigger_name"),
                rs.getString("status"),
                Jdbc.time(rs, "opened_at"),
                seq(rs.getString("opened_by_run"), ref),
                Jdbc.doubleOrNaN(rs, "value"),
                Jdbc.time(rs, "resolved_at"),
                seq(rs.getString("resolved_by_run"), ref)),
        "task:" + task,
        until,
        since);
  }

  /** The value of {@code metric} at evaluation {@code seq}, NaN when undefined or absent. */
  public double valueAt(String task, long seq, String metric) {
    return SqlRows.query(
            database,
            "reading " + metric + " of task " + task,
            "SELECT metric_value FROM task_metrics WHERE task = ? AND seq = ? AND metric = ?",
            rs -> Jdbc.doubleOrNaN(rs, "metric_value"),
            task,
            seq,
            metric)
        .stream()
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The evaluation number of an alert's run reference {@code task:NAME#SEQ}, -1 otherwise. */
  private static long seq(String run, String prefix) {
    if (run == null || !run.startsWith(prefix)) {
      return -1;
    }
    try {
      return Long.parseLong(run.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
