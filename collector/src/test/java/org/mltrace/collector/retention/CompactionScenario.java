package org.mltrace.collector.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.Progress;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

/**
 * One pipeline history, shared by the H2 and PostgreSQL compaction tests (days after 2026-01-01):
 *
 * <pre>
 * day 0:   load-1 ─► /d/raw.csv ─► train-1 ─► /m/model.bin        train-2 failed
 * day 1:   load-2 ─► /d/raw2.csv ─► train-4 (loss 0.25), train-5 (loss 0.75)
 *          predict-1 reads /m/model.bin, writes /out/flagged.csv (flagged)
 * day 200: load-3; train-3 reads /d/raw2.csv (its producer load-2 is old)
 * </pre>
 *
 * Compacted at day 100 with 90 days kept: load-1, train-1 and predict-1 stay (the flagged output's
 * lineage), train-2, load-2, train-4 and train-5 go.
 */
final class CompactionScenario {
  static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock AT_DAY_100 = Clock.fixed(DAY_0.plus(Duration.ofDays(100)), ZoneOffset.UTC);

  private CompactionScenario() {}

  private static double day(int d) {
    return d * 86_400.0;
  }

  private static CapturedValue loss(double v) {
    return new CapturedValue("loss", ValueKind.DOUBLE, Double.toString(v), "metric", "double", -1);
  }

  private static CapturedValue weights(double min, double max, double mean, long count) {
    return new CapturedValue(
        "weights",
        ValueKind.POINTER,
        "mem://a/double[]@" + count,
        "data",
        "double[]",
        count,
        new ValueSummary("number", "all", count, count, 0, 0, min, max, mean, 1.0, count),
        null);
  }

  static List<Event> history() {
    List<Event> events = new ArrayList<>();
    events.add(run("load-1", "load").at(day(0), day(0) + 1).writes("return", "/d/raw.csv").build());
    events.add(
        run("train-1", "train")
            .at(day(0) + 10, day(0) + 20)
            .reads("data", "/d/raw.csv")
            .writes("return", "/m/model.bin", "model")
            .output(loss(0.9))
            .build());
    events.add(
        run("train-2", "train")
            .at(day(0) + 30, day(0) + 31)
            .failedWith("java.lang.IllegalStateException", "diverged")
            .build());
    events.add(
        run("load-2", "load").at(day(1), day(1) + 1).writes("return", "/d/raw2.csv").build());
    events.add(trainOnDay1("train-4", 10).output(loss(0.25)).output(weights(1, 3, 2, 10)).build());
    events.add(trainOnDay1("train-5", 20).output(loss(0.75)).output(weights(0, 5, 3, 20)).build());
    events.add(
        run("predict-1", "predict")
            .at(day(1) + 100, day(1) + 101)
            .reads("model", "/m/model.bin")
            .writes("return", "/out/flagged.csv")
            .build());
    events.add(
        run("load-3", "load").at(day(200), day(200) + 1).writes("return", "/d/raw3.csv").build());
    events.add(
        run("train-3", "train")
            .at(day(200) + 10, day(200) + 11)
            .reads("data", "/d/raw2.csv")
            .build());
    return events;
  }

  private static RunBuilder trainOnDay1(String id, int second) {
    return run(id, "train").at(day(1) + second, day(1) + second + 1).reads("data", "/d/raw2.csv");
  }

  /** Stores the history in {@code url} and flags /out/flagged.csv. */
  static void load(String url, Path tmp) throws SQLException {
    assertEquals(9, TestDatabases.ingest(url, tmp, history()).runs());
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE io_pointers SET flag = TRUE WHERE identifier = '/out/flagged.csv'");
      // Alerts of train's psi: resolved on day 1 (before the cutoff: goes), resolved on day 95
      // (after it: stays), and one opened on day 1 and still open (stays, however old).
      st.executeUpdate(alert("resolved", "train-1", "2026-01-01", "train-4", "2026-01-02"));
      st.executeUpdate(alert("resolved", "train-5", "2026-01-02", "train-3", "2026-04-06"));
      st.executeUpdate(alert("open", "train-4", "2026-01-02", null, null));
    }
  }

  private static String alert(
      String status, String openedBy, String openedOn, String resolvedBy, String resolvedOn) {
    return "INSERT INTO alerts (component, phase, position, trigger_name, status, opened_at,"
        + " opened_by_run, resolved_at, resolved_by_run) VALUES ('train', 'after_run', 0, 'psi', '"
        + status
        + "', TIMESTAMP WITH TIME ZONE '"
        + openedOn
        + " 00:00:00+00', '"
        + openedBy
        + "', "
        + (resolvedOn == null
            ? "NULL"
            : "TIMESTAMP WITH TIME ZONE '" + resolvedOn + " 00:00:00+00'")
        + ", "
        + (resolvedBy == null ? "NULL" : "'" + resolvedBy + "'")
        + ")";
  }

  /** The rows of {@code sql}, each row's columns joined by a space. */
  /** The counts kept at ingest (V029) are those of the stored runs. */
  static void assertCountsKept(String url) throws SQLException {
    assertEquals(
        rows(
            url,
            "SELECT component, status, COUNT(*) FROM component_runs GROUP BY component, status ORDER BY component, status"),
        rows(
            url,
            "SELECT component, status, runs FROM component_run_counts WHERE runs > 0 ORDER BY component, status"));
  }

  static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i); // doubles alike on both databases ("1.0", not "1")
          sb.append(i > 1 ? " " : "")
              .append(v instanceof Double d ? d.toString() : rs.getString(i));
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  /** Compacts at day 100, keeping 90 days, and checks everything the scenario promises. */
  static void compactAndCheck(String url) throws SQLException {
    CompactionReport dry;
    try (Compactor compactor = Compactor.open(url)) {
      dry = compactor.compact(Duration.ofDays(90), true, AT_DAY_100, Progress.NONE);
    }
    assertEquals(9, rows(url, "SELECT id FROM component_runs").size(), "a dry run changes nothing");
    assertCountsKept(url);
    assertEquals(3, rows(url, "SELECT id FROM alerts").size(), "a dry run deletes no alert");
    assertEquals(List.of(), rows(url, "SELECT * FROM component_days"));

    CompactionReport r;
    try (Compactor compactor = Compactor.open(url)) {
      r = compactor.compact(Duration.ofDays(90), false, AT_DAY_100, Progress.NONE);
    }
    assertCountsKept(url); // the removed runs are subtracted, the lineage runs kept
    assertEquals(DAY_0.plus(Duration.ofDays(10)), r.cutoff());
    assertEquals(4, r.runsRemoved());
    assertEquals(3, r.runsKeptForLineage());
    assertEquals(1, r.flaggedOutputs());
    assertEquals(2, r.inputsRemoved()); // train-4 and train-5 read /d/raw2.csv
    assertEquals(5, r.outputsRemoved()); // load-2: 1; train-4, train-5: loss and weights
    assertEquals(2, r.summariesRemoved());
    // train-4 and train-5 -> load-2, and train-3 -> load-2
    assertEquals(3, r.dependenciesRemoved());
    assertEquals(3, r.dayRows()); // train day 0, load day 1, train day 1
    assertEquals(2, r.valueRows()); // train day 1: loss values, weights summaries
    assertEquals(3, r.components());
    assertEquals(1, r.alertsRemoved());
    assertEquals(1, r.openAlertsKept());
    assertEquals(
        new CompactionReport(r.cutoff(), true, 4, 2, 5, 2, 3, 0, 1, 3, 3, 2, 3, 1, 1),
        dry,
        "a dry run reports what the real run does");

    assertEquals(
        List.of("load-1", "load-3", "predict-1", "train-1", "train-3"),
        rows(url, "SELECT id FROM component_runs ORDER BY id"));
    assertEquals(
        List.of("predict-1 train-1 /m/model.bin", "train-1 load-1 /d/raw.csv"),
        rows(
            url,
            "SELECT run_id, depends_on_run_id, pointer_id FROM run_dependencies ORDER BY run_id"));
    assertEquals(
        List.of("load 2026-01-02 1 0", "train 2026-01-01 0 1", "train 2026-01-02 2 0"),
        rows(
            url,
            "SELECT component, run_day, ok_runs, failed_runs FROM component_days"
                + " ORDER BY component, run_day"));
    assertEquals(
        List.of(
            "train 2026-01-02 output loss value 2 2 0.25 0.75 1.0 0",
            "train 2026-01-02 output weights summary 2 2 0.0 5.0 5.0 30"),
        rows(
            url,
            "SELECT component, run_day, direction, name, source, value_count, numeric_count,"
                + " min_value, max_value, sum_value, element_count FROM component_day_values"
                + " ORDER BY name"));
    assertEquals(3, rows(url, "SELECT name FROM components").size());
    assertEquals(
        List.of("open train-4", "resolved train-5"),
        rows(url, "SELECT status, opened_by_run FROM alerts ORDER BY opened_by_run"),
        "the alert resolved before the cutoff goes; the later-resolved and the open one stay");

    // Again: nothing more to remove, and the aggregates are not counted twice.
    try (Compactor compactor = Compactor.open(url)) {
      assertEquals(
          0,
          compactor.compact(Duration.ofDays(90), false, AT_DAY_100, Progress.NONE).runsRemoved());
    }
    assertEquals(
        List.of("2 0"),
        rows(
            url,
            "SELECT ok_runs, failed_runs FROM component_days WHERE component = 'train'"
                + " AND run_day = DATE '2026-01-02'"));
    assertEquals(List.of("1"), rows(url, "SELECT COUNT(*) FROM compactions"));
  }
}
