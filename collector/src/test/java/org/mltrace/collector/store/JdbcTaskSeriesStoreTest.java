package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * A task's series in buckets equal the same aggregation written plainly over {@code
 * task_evaluations} and {@code task_metrics}, on H2 and PostgreSQL: 500 evaluations a minute apart,
 * precision undefined (NULL) in some, another task's rows left out; and its SLA alerts with the
 * evaluations that opened and resolved them.
 */
class JdbcTaskSeriesStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int EVALUATIONS = 500;

  @TempDir Path tmp;

  @Test
  void h2() throws SQLException {
    check("jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath());
  }

  @Test
  void postgres() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      check(schema.create());
    } finally {
      schema.drop();
    }
  }

  private static void check(String url) throws SQLException {
    try (Database db = Database.open(url, Database.Access.CREATE)) {
      fill(db);
      JdbcTaskSeriesStore store = new JdbcTaskSeriesStore(db);
      Instant since = T0.plusSeconds(90);
      Instant until = T0.plusSeconds(EVALUATIONS * 60L);
      long width = 37 * 60 * 1_000_000L;
      List<JdbcTaskSeriesStore.Bucket> buckets = store.buckets("tips", since, until, width);
      for (String metric : List.of("accuracy", "precision", "labelled")) {
        List<JdbcTaskSeriesStore.Bucket> actual =
            buckets.stream().filter(b -> b.metric().equals(metric)).toList();
        List<JdbcTaskSeriesStore.Bucket> expected = expected(db, metric, since, until, width);
        assertEquals(expected.size(), actual.size(), metric + ": " + expected + "\n" + actual);
        assertTrue(expected.size() > 10);
        for (int i = 0; i < expected.size(); i++) {
          JdbcTaskSeriesStore.Bucket e = expected.get(i);
          JdbcTaskSeriesStore.Bucket a = actual.get(i);
          assertEquals(e.index(), a.index(), metric);
          assertEquals(e.values(), a.values(), metric);
          assertEquals(e.min(), a.min(), metric);
          assertEquals(e.max(), a.max(), metric);
          assertEquals(e.mean(), a.mean(), 1e-12, metric);
          assertEquals(e.lastSeq(), a.lastSeq(), metric);
        }
      }
      assertEquals(
          List.of("accuracy", "labelled", "precision"),
          buckets.stream().map(JdbcTaskSeriesStore.Bucket::metric).distinct().toList());

      Instant[] span = store.span("tips").orElseThrow();
      assertEquals(T0, span[0]);
      assertEquals(T0.plusSeconds((EVALUATIONS - 1) * 60L), span[1]);

      List<JdbcTaskSeriesStore.SlaAlert> alerts = store.alerts("tips", since, until);
      assertEquals(2, alerts.size(), alerts.toString());
      assertEquals(10, alerts.get(0).openedSeq());
      assertEquals(20, alerts.get(0).resolvedSeq());
      assertEquals(300, alerts.get(1).openedSeq());
      assertEquals(-1, alerts.get(1).resolvedSeq(), "still open");
      assertEquals(0.25, alerts.get(0).openedValue());
      assertEquals(accuracy(20), store.valueAt("tips", 20, "accuracy"));
      assertEquals(
          List.of(300L),
          store.alerts("tips", T0.plusSeconds(21 * 60), until).stream()
              .map(JdbcTaskSeriesStore.SlaAlert::openedSeq)
              .toList(),
          "an alert resolved before the range is left out");
    }
  }

  private static void fill(Database db) throws SQLException {
    try (PreparedStatement e =
            db.connection()
                .prepareStatement(
                    "INSERT INTO task_evaluations (task, seq, evaluated_at, labelled)"
                        + " VALUES (?, ?, ?, ?)");
        PreparedStatement m =
            db.connection()
                .prepareStatement(
                    "INSERT INTO task_metrics (task, seq, metric, metric_value) VALUES (?, ?, ?, ?)")) {
      for (String task : List.of("tips", "other")) {
        for (int seq = 1; seq <= EVALUATIONS; seq++) {
          Instant at = T0.plusSeconds((seq - 1) * 60L);
          e.setString(1, task);
          e.setLong(2, seq);
          Jdbc.setTime(e, 3, at);
          e.setLong(4, task.equals("tips") ? seq * 3L % 101 : 7);
          e.addBatch();
          for (String metric : List.of("accuracy", "precision")) {
            m.setString(1, task);
            m.setLong(2, seq);
            m.setString(3, metric);
            if (metric.equals("precision") && seq % 9 == 4) {
              m.setNull(4, java.sql.Types.DOUBLE);
            } else {
              m.setDouble(
                  4,
                  task.equals("other") ? 9 : accuracy(seq) / (metric.equals("precision") ? 2 : 1));
            }
            m.addBatch();
          }
        }
      }
      e.executeBatch();
      m.executeBatch();
    }
    String alert =
        "INSERT INTO alerts (component, phase, position, trigger_name, status, opened_at,"
            + " opened_by_run, resolved_at, resolved_by_run, value, threshold, message)"
            + " VALUES ('task:tips', 'sla', 0, 'accuracy >= 0.6', ?, ?, ?, ?, ?, 0.25, 0.6, 'm')";
    try (PreparedStatement a = db.connection().prepareStatement(alert)) {
      Object[][] rows = {{"resolved", 10, 20}, {"open", 300, null}};
      for (Object[] r : rows) {
        a.setString(1, (String) r[0]);
        Jdbc.setTime(a, 2, T0.plusSeconds(((Integer) r[1] - 1) * 60L));
        a.setString(3, "task:tips#" + r[1]);
        Jdbc.setTime(a, 4, r[2] == null ? null : T0.plusSeconds(((Integer) r[2] - 1) * 60L));
        a.setString(5, r[2] == null ? null : "task:tips#" + r[2]);
        a.executeUpdate();
      }
    }
    if (!db.connection().getAutoCommit()) {
      db.connection().commit();
    }
  }

  private static double accuracy(int seq) {
    return 0.5 + (seq * 7 % 13) / 30.0;
  }

  private static List<JdbcTaskSeriesStore.Bucket> expected(
      Database db, String metric, Instant since, Instant until, long width) throws SQLException {
    long from = JdbcMetricStore.micros(since);
    String bucket =
        "FLOOR((EXTRACT(EPOCH FROM e.evaluated_at) * 1000000 - " + from + ") / " + width + ")";
    String value =
        metric.equals("labelled")
            ? "SELECT "
                + bucket
                + " AS b, e.seq, CAST(e.labelled AS DOUBLE PRECISION) AS v"
                + " FROM task_evaluations e WHERE e.task = 'tips'"
            : "SELECT "
                + bucket
                + " AS b, e.seq, m.metric_value AS v FROM task_evaluations e"
                + " JOIN task_metrics m ON m.task = e.task AND m.seq = e.seq"
                + " WHERE e.task = 'tips' AND m.metric = '"
                + metric
                + "'";
    List<JdbcTaskSeriesStore.Bucket> out = new ArrayList<>();
    try (PreparedStatement ps =
        db.connection()
            .prepareStatement(
                "SELECT b, COUNT(v), MIN(v), AVG(v), MAX(v), MAX(seq) FROM ("
                    + value
                    + " AND e.evaluated_at >= ? AND e.evaluated_at < ?) q GROUP BY b ORDER BY b")) {
      Jdbc.setTime(ps, 1, since);
      Jdbc.setTime(ps, 2, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new JdbcTaskSeriesStore.Bucket(
                  rs.getLong(1),
                  metric,
                  rs.getLong(2),
                  rs.getDouble(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getLong(6)));
        }
      }
    }
    return out;
  }
}
