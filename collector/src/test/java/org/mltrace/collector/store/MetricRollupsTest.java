package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

/**
 * A long series read through hourly rollups holds exactly the buckets aggregated from the runs
 * alone, on H2 and PostgreSQL: on first use (the rollups written), on the next (read back), after a
 * run stored late into a rolled-up hour, after runs removed (as compaction does), after a purge
 * blanked values, and with the last day, not yet settled, read from the runs.
 */
class MetricRollupsTest {
  private static final Instant T0 = Instant.ofEpochSecond(RunBuilder.T0_MICROS / 1_000_000);

  /** Every 7 min 13 s for 7.5 days: hour and bucket boundaries fall between runs at all offsets. */
  private static final int RUNS = 1500;

  private static final int SPACING = 433;
  private static final Metric LOSS = new Metric(Kind.VALUE, "loss", null);
  private static final Metric MEAN = new Metric(Kind.SUMMARY, "weights", SummaryStatistic.MEAN);

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
      store(db, 0, RUNS, "run-");
      Instant last = T0.plusSeconds((long) (RUNS - 1) * SPACING);
      // "now" is half a day after the last run: its last day is read from the runs
      JdbcMetricStore store =
          new JdbcMetricStore(db, Clock.fixed(last.plusSeconds(43_200), ZoneOffset.UTC));
      Instant since = T0.plusSeconds(1234);
      Instant until = last.plusSeconds(1);
      long width = 4_321_000_000L; // 72 min 1 s: boundaries wander through the hours

      assertSameAsRuns(store, LOSS, since, until, width);
      long rows = count(db, "SELECT COUNT(*) FROM metric_rollups WHERE metric = 'value:loss'");
      assertTrue(rows > 100, "hours rolled up: " + rows);
      assertSameAsRuns(store, MEAN, since, until, width);
      assertSameAsRuns(store, LOSS, since, until, width); // read back
      assertEquals(
          rows, count(db, "SELECT COUNT(*) FROM metric_rollups WHERE metric = 'value:loss'"));
      // a wider range reuses the hours and rolls up the new ones
      assertSameAsRuns(store, LOSS, T0, until, 3_600_000_000L);

      // a run stored late, into an hour rolled up days ago, with the series' largest value
      store(db, RUNS, 1, "late-");
      assertSameAsRuns(store, LOSS, since, until, width);
      assertSameAsRuns(store, MEAN, since, until, width);

      // runs removed, as compaction does
      execute(db, "DELETE FROM component_runs WHERE id IN ('run-500', 'run-501', 'run-502')");
      assertSameAsRuns(store, LOSS, since, until, width);

      // a purge blanks values and keeps the runs: their rollups go with them
      db.connection().setAutoCommit(false);
      RunValueBlanker.blank(
          db.connection(),
          SqlDialect.of(db.isPostgres()),
          List.of("run-900", "run-901", "late-" + RUNS));
      db.connection().commit();
      db.connection().setAutoCommit(true);
      assertEquals(0, count(db, "SELECT COUNT(*) FROM metric_rollups"));
      assertSameAsRuns(store, LOSS, since, until, width);
      assertSameAsRuns(store, MEAN, since, until, width);

      // a short range is not rolled up
      execute(db, "DELETE FROM metric_rollups");
      execute(db, "DELETE FROM metric_rollup_spans");
      assertSameAsRuns(store, LOSS, since, since.plusSeconds(86_400), 600_000_000L);
      assertEquals(0, count(db, "SELECT COUNT(*) FROM metric_rollups"));
    }
  }

  private static void assertSameAsRuns(
      JdbcMetricStore store, Metric metric, Instant since, Instant until, long width) {
    List<Bucket> expected = store.fromRuns("train", metric, since, until, width);
    List<Bucket> actual = store.buckets("train", metric, since, until, width);
    assertTrue(expected.size() > 100, "enough buckets: " + expected.size());
    assertEquals(expected.size(), actual.size(), () -> expected + "\n" + actual);
    for (int i = 0; i < expected.size(); i++) {
      Bucket e = expected.get(i);
      Bucket a = actual.get(i);
      String where = metric + " bucket " + i + ": " + e + " vs " + a;
      assertEquals(e.index(), a.index(), where);
      assertEquals(e.values(), a.values(), where);
      assertEquals(e.runs(), a.runs(), where);
      assertEquals(e.failed(), a.failed(), where);
      assertEquals(e.min(), a.min(), where);
      assertEquals(e.max(), a.max(), where);
      assertEquals(e.mean(), a.mean(), 1e-12 * Math.max(1, Math.abs(e.mean())), where);
      assertEquals(e.firstRun(), a.firstRun(), where);
    }
  }

  /** {@code count} runs from number {@code first}; a late run starts among the first hours. */
  private static void store(Database db, int first, int count, String prefix) {
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    new JdbcIngestStore(db)
        .inTransaction(
            tx -> {
              for (int n = first; n < first + count; n++) {
                long start = n < RUNS ? (long) n * SPACING : 5 * 3600 + 17;
                RunBuilder r = run(prefix + n, "train").at(start, start + 5);
                if (n % 17 != 4) {
                  r.output(
                      n % 29 == 3
                          ? new CapturedValue("loss", ValueKind.DOUBLE, "NaN", "metric", "d", -1)
                          : new CapturedValue(
                              "loss",
                              ValueKind.DOUBLE,
                              Double.toString(n < RUNS ? 1.0 / (n % 97 + 1) : 42.0),
                              "metric",
                              "d",
                              -1));
                }
                r.output(
                    RunBuilder.pointer("weights", "mem://w/double[]@" + n, "data")
                        .withSummary(
                            new ValueSummary(
                                "number", "all", 10, 10, 0, 0, -1, 1, n % 31 / 7.0, 0.5, 9)));
                tx.insertRun(r.build(), now);
              }
              return null;
            });
  }

  private static long count(Database db, String sql) throws SQLException {
    try (PreparedStatement ps = db.connection().prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Database db, String sql) throws SQLException {
    try (var st = db.connection().createStatement()) {
      st.execute(sql);
    }
  }
}
