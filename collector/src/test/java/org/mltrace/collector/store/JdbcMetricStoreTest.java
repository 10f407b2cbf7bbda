package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.store.JdbcMetricStore.Bucket;
import org.mltrace.collector.store.JdbcMetricStore.Kind;
import org.mltrace.collector.store.JdbcMetricStore.Metric;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TriggerRows;

/**
 * Bucketed series read from the runs' arrays equal the same aggregation written plainly over the
 * views ({@code run_outputs}, {@code run_inputs}, {@code run_value_summaries}) and {@code
 * trigger_results}, on H2 and PostgreSQL: 300 runs of which the YAML changed after 100 (the
 * variable moved position), some without the value, some with NaN, one exactly on a bucket edge.
 */
class JdbcMetricStoreTest {
  private static final Instant T0 = Instant.ofEpochSecond(RunBuilder.T0_MICROS / 1_000_000);
  private static final int RUNS = 300;

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
      fill(db, url);
      JdbcMetricStore store = new JdbcMetricStore(db);
      Instant since = T0.plusSeconds(30);
      Instant until = T0.plusSeconds(RUNS * 60);
      long width = 7 * 60 * 1_000_000L; // 7 minutes: run 100 starts at 6,000 s, not a bucket edge
      long edgeWidth = 90 * 1_000_000L; // 90 s from T0: run 3, at 180 s, starts exactly at bucket 2

      String lossSql =
          "SELECT r.id, r.start_time, CAST(o.value_text AS DOUBLE PRECISION) AS v FROM"
              + " component_runs r JOIN run_outputs o ON o.run_id = r.id WHERE r.component = 'train'"
              + " AND o.name = 'loss' AND o.value_kind = 'DOUBLE' AND o.value_text <> 'NaN'";
      assertSame(
          expected(db, lossSql, since, until, width),
          store.buckets("train", new Metric(Kind.VALUE, "loss", null), since, until, width));
      assertSame(
          expected(db, lossSql, T0, until, edgeWidth),
          store.buckets("train", new Metric(Kind.VALUE, "loss", null), T0, until, edgeWidth));
      String epochsSql =
          "SELECT r.id, r.start_time, CAST(i.value_text AS DOUBLE PRECISION) AS v FROM"
              + " component_runs r JOIN run_inputs i ON i.run_id = r.id WHERE r.component = 'train'"
              + " AND i.name = 'epochs'";
      assertSame(
          expected(db, epochsSql, since, until, width),
          store.buckets("train", new Metric(Kind.VALUE, "epochs", null), since, until, width));
      String summary =
          "SELECT r.id, r.start_time, %s AS v FROM component_runs r JOIN run_outputs o ON"
              + " o.run_id = r.id JOIN run_value_summaries s ON s.run_id = o.run_id AND s.position ="
              + " o.position AND s.direction = 'output' WHERE r.id = o.run_id AND r.component ="
              + " 'train' AND o.name = 'weights'";
      assertSame(
          expected(db, summary.formatted("s.mean_value"), since, until, width),
          store.buckets(
              "train",
              new Metric(Kind.SUMMARY, "weights", SummaryStatistic.MEAN),
              since,
              until,
              width));
      assertSame(
          expected(
              db,
              summary.formatted("CAST(s.null_count + s.nan_count AS DOUBLE PRECISION) / s.sampled"),
              since,
              until,
              width),
          store.buckets(
              "train",
              new Metric(Kind.SUMMARY, "weights", SummaryStatistic.NULL_FRACTION),
              since,
              until,
              width));
      List<Bucket> psi =
          store.buckets("train", new Metric(Kind.TRIGGER, "psi", null), since, until, width);
      assertSame(
          expected(
              db,
              "SELECT r.id, r.start_time, t.value AS v FROM trigger_results t JOIN component_runs r"
                  + " ON r.id = t.run_id WHERE t.component = 'train' AND t.trigger_name = 'psi'",
              since,
              until,
              width),
          psi);
      long failed = psi.stream().mapToLong(Bucket::failed).sum();
      assertEquals(
          count(
              db,
              "SELECT COUNT(*) FROM trigger_results WHERE status = 'fail'"
                  + " AND run_id <> 'train-0'"),
          failed,
          "failed results, run 0 before since");
      assertTrue(failed > 0);

      // one run per bucket: the bucket names it
      List<Bucket> single =
          store.buckets(
              "train", new Metric(Kind.VALUE, "loss", null), T0, T0.plusSeconds(600), 60_000_000L);
      assertEquals("train-1", single.get(1).firstRun());
      assertEquals(1, single.get(1).runs());

      // a click on a bucket opens its largest value's run, or the run whose trigger failed
      String largest =
          firstString(
              db,
              lossSql + " AND r.start_time >= ? AND r.start_time < ? ORDER BY v DESC, r.id",
              since,
              until);
      assertEquals(
          Optional.of(largest),
          store.pick("train", new Metric(Kind.VALUE, "loss", null), since, until));
      assertEquals(
          Optional.of("train-8"),
          store.pick("train", new Metric(Kind.TRIGGER, "psi", null), since, T0.plusSeconds(600)));

      Optional<Instant[]> span = store.runSpan("train");
      assertEquals(T0, span.orElseThrow()[0]);
      assertEquals(T0.plusSeconds((RUNS - 1) * 60), span.orElseThrow()[1]);

      JdbcMetricStore.Recorded recorded = store.recorded("train", 200);
      assertEquals(List.of("loss"), List.copyOf(recorded.metrics()));
      assertTrue(recorded.numbers().containsAll(List.of("loss", "epochs", "extra")));
      assertEquals(List.of("weights"), List.copyOf(recorded.summarized()));

      // the threshold line: the latest result's, unless that is an error, which carries none
      assertEquals(0.2, store.latestThreshold("train", "psi"));
      try (TriggerRows rows = TriggerRows.open(url)) {
        rows.result(
            "train-1",
            "train",
            "after_run",
            0,
            "psi",
            "error",
            null,
            null,
            "no reference sample",
            true,
            T0.plusSeconds(RUNS * 60 + 100));
      }
      assertEquals(0.2, store.latestThreshold("train", "psi"));
      assertTrue(Double.isNaN(store.latestThreshold("train", "ks")), "no result: no line");

      // the latest values, one run after another, as history --metric lists them
      List<JdbcMetricStore.Point> latest = store.variable("train", "loss", 3);
      assertEquals(3, latest.size());
      assertEquals("train-299", latest.get(0).runId());
      assertEquals(Double.toString(loss(299)), latest.get(0).text());
    }
  }

  private static void fill(Database db, String url) throws SQLException {
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    new JdbcIngestStore(db)
        .inTransaction(
            tx -> {
              for (int n = 0; n < RUNS; n++) {
                RunBuilder r = run("train-" + n, "train").at(n * 60, n * 60 + 10);
                r.input(RunBuilder.longValue("epochs", 5 + n % 7));
                CapturedValue loss =
                    n % 13 == 5
                        ? new CapturedValue("loss", ValueKind.DOUBLE, "NaN", "metric", "d", -1)
                        : new CapturedValue(
                            "loss", ValueKind.DOUBLE, Double.toString(loss(n)), "metric", "d", -1);
                CapturedValue weights =
                    RunBuilder.pointer("weights", "mem://a/double[]@" + n, "data")
                        .withSummary(
                            new ValueSummary(
                                "number", "all", 100, 100, n % 4, n % 3, -1, 1, n / 7.0, 0.5, 90));
                if (n < 100) {
                  r.output(RunBuilder.pointer("return", "/m/" + n, "model"));
                  if (n % 11 != 3) {
                    r.output(loss);
                  }
                  r.output(weights);
                } else {
                  r.output(weights);
                  r.output(RunBuilder.longValue("extra", n));
                  r.output(loss);
                }
                tx.insertRun(r.build(), now);
              }
              return null;
            });
    try (TriggerRows rows = TriggerRows.open(url)) {
      for (int n = 0; n < RUNS; n += 2) {
        boolean fail = n % 10 == 6 || n == 8;
        rows.result(
            "train-" + n,
            "train",
            "after_run",
            0,
            "psi",
            fail ? "fail" : "pass",
            n % 20 == 4 ? null : n / 100.0,
            0.2,
            "m",
            true,
            T0.plusSeconds(n * 60 + 20));
      }
    }
  }

  private static double loss(int n) {
    return 1.0 / (n + 1) + (n % 5) * 0.125;
  }

  /** The buckets of {@code sql}'s (id, start_time, v) rows, written plainly. */
  private static List<Bucket> expected(
      Database db, String sql, Instant since, Instant until, long width) throws SQLException {
    long from = JdbcMetricStore.micros(since);
    List<Bucket> out = new ArrayList<>();
    String bucket =
        "FLOOR((EXTRACT(EPOCH FROM start_time) * 1000000 - " + from + ") / " + width + ")";
    try (PreparedStatement ps =
        db.connection()
            .prepareStatement(
                "SELECT b, COUNT(v), MIN(v), AVG(v), MAX(v), COUNT(*), MIN(id) FROM (SELECT "
                    + bucket
                    + " AS b, id, v FROM ("
                    + sql
                    + ") q WHERE start_time >= ? AND start_time < ?) g GROUP BY b ORDER BY b")) {
      Jdbc.setTime(ps, 1, since);
      Jdbc.setTime(ps, 2, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long values = rs.getLong(2);
          out.add(
              new Bucket(
                  rs.getLong(1),
                  values,
                  values == 0 ? Double.NaN : rs.getDouble(3),
                  values == 0 ? Double.NaN : rs.getDouble(4),
                  values == 0 ? Double.NaN : rs.getDouble(5),
                  rs.getLong(6),
                  0,
                  rs.getString(7)));
        }
      }
    }
    assertTrue(out.size() > 5, "enough buckets to compare: " + out);
    return out;
  }

  private static void assertSame(List<Bucket> expected, List<Bucket> actual) {
    assertEquals(expected.size(), actual.size(), () -> expected + "\n" + actual);
    for (int i = 0; i < expected.size(); i++) {
      Bucket e = expected.get(i);
      Bucket a = actual.get(i);
      String where = "bucket " + i + ": " + e + " vs " + a;
      assertEquals(e.index(), a.index(), where);
      assertEquals(e.values(), a.values(), where);
      assertEquals(e.runs(), a.runs(), where);
      assertEquals(e.min(), a.min(), where);
      assertEquals(e.max(), a.max(), where);
      assertEquals(e.mean(), a.mean(), 1e-12 * Math.max(1, Math.abs(e.mean())), where);
      assertEquals(e.firstRun(), a.firstRun(), where);
    }
  }

  private static long count(Database db, String sql) throws SQLException {
    try (PreparedStatement ps = db.connection().prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String firstString(Database db, String sql, Instant a, Instant b)
      throws SQLException {
    try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
      Jdbc.setTime(ps, 1, a);
      Jdbc.setTime(ps, 2, b);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
