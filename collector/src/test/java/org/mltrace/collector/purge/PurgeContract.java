package org.mltrace.collector.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.MltraceException;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.TraceResult;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@code purge --label} on one history, against each database (subclasses give it):
 *
 * <pre>
 * /raw/client-9.csv (label client-9) ─► load-1 ─► /d/clean.csv ─┐
 * /raw/other.csv                     ─► load-2 ─► /d/other.csv ──┼─► train-1 ─► /m/model.bin ─► predict-1
 *                                                                 └─► train-2 ─► /m/model2.bin   (reads /d/other.csv only)
 * </pre>
 *
 * The derived set is load-1, train-1 and predict-1; load-2 and train-2 must not change at all.
 */
abstract class PurgeContract {
  static final Clock AT = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

  /** The tables a purge may touch, each dumped whole, ordered, one string per row. */
  private static final Map<String, String> DUMPS = new LinkedHashMap<>();

  static {
    // The run's skeleton; its values are arrays of the same row (V025), dumped as run_inputs etc.
    DUMPS.put(
        "component_runs",
        "SELECT id, component, method, agent_id, host, pid, thread, start_time, end_time,"
            + " duration_nanos, code_version, git_commit, status, error_class, error_message,"
            + " ingested_at, unrecorded_before FROM component_runs ORDER BY id");
    DUMPS.put("run_dependencies", "SELECT * FROM run_dependencies ORDER BY run_id, pointer_id");
    DUMPS.put("io_pointers", "SELECT * FROM io_pointers ORDER BY identifier");
    DUMPS.put("run_inputs", "SELECT * FROM run_inputs ORDER BY run_id, position");
    DUMPS.put("run_outputs", "SELECT * FROM run_outputs ORDER BY run_id, position");
    // the link rows, through their views (V048: the rows hold keys)
    DUMPS.put(
        "run_reads",
        "SELECT run_id, position, pointer_id, name, fingerprint FROM run_reads"
            + " ORDER BY run_id, position");
    DUMPS.put(
        "run_writes",
        "SELECT run_id, position, pointer_id, fingerprint, end_time FROM run_writes"
            + " ORDER BY run_id, position");
    DUMPS.put(
        "run_value_summaries",
        "SELECT * FROM run_value_summaries ORDER BY run_id, direction, position");
    DUMPS.put(
        "run_value_samples",
        "SELECT run_id, direction, position FROM run_value_samples ORDER BY run_id, direction,"
            + " position");
    DUMPS.put("artifact_snapshots", "SELECT * FROM artifact_snapshots ORDER BY run_id, name");
    DUMPS.put("trigger_results", "SELECT * FROM trigger_results ORDER BY run_id, phase, position");
  }

  @TempDir Path tmp;

  abstract String url() throws Exception;

  private static CapturedValue loss(double v) {
    return new CapturedValue("loss", ValueKind.DOUBLE, Double.toString(v), "metric", "double", -1);
  }

  private static CapturedValue weights(long count) {
    ValueSummary s =
        new ValueSummary("number", "all", count, count, 0, 0, 0, 5, 2, 1, count)
            .withExtras(new double[] {0, 2, 5}, null);
    return new CapturedValue(
        "weights",
        ValueKind.POINTER,
        "mem://a/double[]@" + count,
        "data",
        "double[]",
        count,
        s,
        null);
  }

  static List<Event> history() {
    return List.of(
        run("load-1", "load")
            .at(0, 1)
            .readsVersion("raw", "/raw/client-9.csv", "fp-raw")
            .writesVersion("return", "/d/clean.csv", "fp-clean")
            .build(),
        run("load-2", "load")
            .at(0, 1)
            .readsVersion("raw", "/raw/other.csv", "fp-other")
            .writesVersion("return", "/d/other.csv", "fp-other-out")
            .build(),
        run("train-1", "train")
            .at(2, 3)
            .reads("clean", "/d/clean.csv")
            .reads("other", "/d/other.csv")
            .writes("return", "/m/model.bin", "model")
            .output(loss(0.25))
            .output(weights(10))
            .build(),
        run("train-2", "train")
            .at(2, 3)
            .reads("other", "/d/other.csv")
            .writes("return", "/m/model2.bin", "model")
            .output(loss(0.5))
            .output(weights(20))
            .build(),
        run("predict-1", "predict")
            .at(4, 5)
            .reads("model", "/m/model.bin")
            .input(org.mltrace.collector.testing.RunBuilder.string("customer", "client-9 Jane Doe"))
            .build());
  }

  private String load() throws Exception {
    String url = url();
    assertEquals(5, TestDatabases.ingest(url, tmp, history()).runs());
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      for (String run : List.of("train-1", "train-2")) {
        st.executeUpdate(
            "INSERT INTO artifact_snapshots (run_id, direction, name, pointer_id, status,"
                + " content_hash, size, store_host, store_dir, copied_at) VALUES ('"
                + run
                + "', 'output', 'return', '/m/x.bin', 'stored', 'sha256:ab', 3, 'h', '/s',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:10+00')");
      }
      st.executeUpdate(
          "INSERT INTO pointer_labels (pointer_id, label, added_at) VALUES ('/raw/client-9.csv',"
              + " 'client-9', TIMESTAMP WITH TIME ZONE '2026-01-10 00:00:00+00')");
    }
    return url;
  }

  private static void retract(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO label_retractions (label, retracted_at) VALUES ('client-9',"
              + " TIMESTAMP WITH TIME ZONE '2026-01-20 00:00:00+00')");
    }
  }

  /** Every row of every table a purge may touch, by table. */
  private static Map<String, List<String>> dump(String url) throws SQLException {
    Map<String, List<String>> all = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      for (Map.Entry<String, String> e : DUMPS.entrySet()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(e.getValue())) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              sb.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            rows.add(sb.toString());
          }
        }
        all.put(e.getKey(), rows);
      }
    }
    return all;
  }

  /** The rows not about the derived runs (those not naming load-1, train-1 or predict-1). */
  private static Map<String, List<String>> outsideTheDerivedSet(Map<String, List<String>> dump) {
    Map<String, List<String>> outside = new LinkedHashMap<>();
    dump.forEach(
        (table, rows) ->
            outside.put(
                table,
                rows.stream()
                    .filter(
                        r ->
                            table.equals("component_runs")
                                || table.equals("run_dependencies")
                                || table.equals("io_pointers")
                                || !(r.startsWith("load-1 ")
                                    || r.startsWith("train-1 ")
                                    || r.startsWith("predict-1 ")))
                    .toList()));
    return outside;
  }

  private static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  @Test
  void aLabelThatIsNotRetractedOrUnknownIsRefusedAndNothingChanges() throws Exception {
    String url = load();
    Map<String, List<String>> before = dump(url);
    try (LabelPurger purger = LabelPurger.open(url)) {
      PurgeRefusedException notRetracted =
          assertThrows(
              PurgeRefusedException.class,
              () -> purger.purge("client-9", "alice", null, false, AT));
      assertEquals(MltraceException.Category.USAGE, notRetracted.category());
      assertEquals(
          "label 'client-9' is not retracted: record the deletion request first with 'mltrace"
              + " label retract client-9'",
          notRetracted.getMessage());
      PurgeRefusedException unknown =
          assertThrows(
              PurgeRefusedException.class, () -> purger.purge("nobody", "alice", null, false, AT));
      assertEquals(MltraceException.Category.NOT_FOUND, unknown.category());
    }
    assertEquals(before, dump(url));
  }

  @Test
  void aDryRunCountsWhatAPurgeRemovesAndChangesNothing() throws Exception {
    String url = load();
    retract(url);
    Map<String, List<String>> before = dump(url);
    PurgeReport dry;
    try (LabelPurger purger = LabelPurger.open(url)) {
      dry = purger.purge("client-9", "alice", "request 17", true, AT);
    }
    assertEquals(before, dump(url), "a dry run changes nothing");
    assertEquals(List.of(), rows(url, "SELECT id FROM purge_log"), "and logs nothing");
    assertNull(dry.purgeId());
    assertEquals(List.of("load-1", "predict-1", "train-1"), dry.runIds());

    PurgeReport real;
    try (LabelPurger purger = LabelPurger.open(url)) {
      real = purger.purge("client-9", "alice", "request 17", false, AT);
    }
    assertEquals(dry.runIds(), real.runIds());
    assertEquals(dry.valuesRemoved(), real.valuesRemoved());
    assertEquals(dry.summariesRemoved(), real.summariesRemoved());
    assertEquals(dry.samplesRemoved(), real.samplesRemoved());
    assertEquals(dry.snapshotsRemoved(), real.snapshotsRemoved());
  }

  @Test
  void aPurgeDeletesTheDerivedRunsValuesKeepsTheirSkeletonAndTouchesNothingElse() throws Exception {
    String url = load();
    retract(url);
    Map<String, List<String>> before = dump(url);
    PurgeReport r;
    try (LabelPurger purger = LabelPurger.open(url)) {
      r = purger.purge("client-9", "alice", "request 17", false, AT);
    }
    assertEquals(List.of("/raw/client-9.csv"), r.pointers());
    assertEquals(List.of("load-1", "predict-1", "train-1"), r.runIds());
    assertEquals(1, r.summariesRemoved(), "train-1's weights");
    assertEquals(1, r.samplesRemoved());
    assertEquals(1, r.snapshotsRemoved());
    Map<String, List<String>> after = dump(url);

    // Nothing outside the derived set changed, and the runs, their links and pointers are whole.
    assertEquals(outsideTheDerivedSet(before), outsideTheDerivedSet(after));
    assertNotEquals(before.get("run_outputs"), after.get("run_outputs"));

    // Their link rows keep run and pointer, not the fingerprint (load-2's keep theirs, above).
    assertEquals("load-1 | 0 | /raw/client-9.csv | raw | fp-raw", before.get("run_reads").get(0));
    assertEquals("load-1 | 0 | /raw/client-9.csv | raw | null", after.get("run_reads").get(0));
    assertTrue(before.get("run_writes").get(0).startsWith("load-1 | 0 | /d/clean.csv | fp-clean"));
    assertEquals(
        List.of("load-1 0 /d/clean.csv null"),
        rows(
            url,
            "SELECT run_id, position, pointer_id, fingerprint FROM run_writes"
                + " WHERE run_id = 'load-1'"));

    // The derived runs' values are gone; pointers keep their identifier (lineage).
    assertEquals(
        List.of(
            "load-1 raw POINTER /raw/client-9.csv",
            "predict-1 customer STRING null",
            "predict-1 model POINTER /m/model.bin",
            "train-1 clean POINTER /d/clean.csv",
            "train-1 other POINTER /d/other.csv"),
        rows(
            url,
            "SELECT run_id, name, value_kind, value_text FROM run_inputs WHERE run_id IN"
                + " ('load-1', 'train-1', 'predict-1') ORDER BY run_id, name"));
    assertEquals(
        List.of("train-1 loss DOUBLE null", "train-1 weights POINTER mem://a/double[]@10"),
        rows(
            url,
            "SELECT run_id, name, value_kind, value_text FROM run_outputs WHERE run_id = 'train-1'"
                + " AND name <> 'return' ORDER BY name"));
    assertEquals(
        List.of("0"),
        rows(
            url,
            "SELECT COUNT(*) FROM run_value_summaries WHERE run_id IN ('load-1', 'train-1',"
                + " 'predict-1')"));
    assertEquals(
        List.of("client-9 alice request 17 3 " + r.valuesRemoved() + " 1 1 1"),
        rows(
            url,
            "SELECT label, purged_by, reason, runs, values_removed, summaries_removed,"
                + " samples_removed, snapshots_removed FROM purge_log"));
    assertEquals(
        List.of("load-1", "predict-1", "train-1"),
        rows(url, "SELECT run_id FROM purged_runs ORDER BY run_id"));

    // The trace still explains what happened.
    try (QueryService queries = QueryService.open(url)) {
      TraceResult.PointerTrace trace =
          assertInstanceOf(TraceResult.PointerTrace.class, queries.trace("/m/model.bin"));
      assertEquals("train-1", trace.producedBy().run().row().id());
      assertEquals(2, trace.producedBy().upstream().size());
    }
  }
}
