package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.alert.AlertNotifier;
import org.mltrace.collector.alert.AlertTracker;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TriggerRows;

/**
 * {@code mltrace alerts} and {@code mltrace stale} on hand-built rows: train-1 passes its accuracy
 * SLA, train-2 fails it (alert #1, then resolved by train-3), train-4 fails again (alert #2, open).
 * predict-1 read train-3's model after train-4 wrote a newer one.
 */
class AlertsAndStaleCommandTest {
  @TempDir static Path tmp;
  private static String db;

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  static Instant t(String time) {
    return Instant.parse("2026-01-01T" + time + "Z");
  }

  @BeforeAll
  static void build() throws Exception {
    db = TestDatabases.h2Url(tmp);
    try (TriggerRows rows = TriggerRows.open(db);
        AlertTracker tracker = new AlertTracker(TriggerRows.session(db), AlertNotifier.none())) {
      rows.component("train", null).component("predict", null);
      double[] accuracy = {0.93, 0.85, 0.95, 0.8};
      for (int i = 1; i <= 4; i++) {
        String id = "train-" + i;
        // train-4 rewrites train-3's model file: predict-1, linked to train-3 (as when it read
        // the older content, by fingerprint), then read an older version of that file.
        rows.run(id, "train", t("0" + i + ":00:00"), t("0" + i + ":10:00"))
            .output(id, 0, "POINTER", "/m/model-" + Math.min(i, 3) + ".bin");
        boolean pass = accuracy[i - 1] >= 0.9;
        rows.result(
            id,
            "train",
            "after_run",
            0,
            "metric_threshold",
            pass ? "pass" : "fail",
            accuracy[i - 1],
            0.9,
            "accuracy " + accuracy[i - 1] + (pass ? " >= 0.9" : " < 0.9"),
            true,
            t("0" + i + ":10:05"));
        tracker.evaluated(List.of(id)); // as the engine does: after committing the run's results
      }
      rows.run("predict-1", "predict", t("05:00:00"), t("05:01:00"))
          .dependency("predict-1", "train-3", "/m/model-3.bin");
    }
  }

  @Test
  void alertsListsTheOpenOnes() {
    String[] r = run("alerts", "--db", db);
    assertEquals("0", r[0], r[2]);
    assertEquals(
        "1 open\n"
            + "ID  STATUS  COMPONENT  TRIGGER                          OPENED                "
            + "BY RUN   VALUE                MESSAGE\n"
            + "#2  open    train      metric_threshold (after_run #0)  2026-01-01T04:10:05Z  "
            + "train-4  0.8 (threshold 0.9)  accuracy 0.8 < 0.9\n",
        r[1]);
  }

  @Test
  void alertsAllAddsTheResolvedOnesWithWhatResolvedThem() {
    String[] r = run("alerts", "--all", "--db", db);
    assertEquals(
        List.of(
            "1 open, 1 resolved",
            "ID  STATUS    COMPONENT  TRIGGER                          OPENED                BY RUN "
                + "  RESOLVED              RESOLVED BY  VALUE                 MESSAGE",
            "#2  open      train      metric_threshold (after_run #0)  2026-01-01T04:10:05Z  train-4"
                + "  -                     -            0.8 (threshold 0.9)   accuracy 0.8 < 0.9",
            "#1  resolved  train      metric_threshold (after_run #0)  2026-01-01T02:10:05Z  train-2"
                + "  2026-01-01T03:10:05Z  train-3      0.85 (threshold 0.9)  accuracy 0.85 < 0.9"),
        r[1].lines().toList());
  }

  @Test
  void alertsJson() {
    String[] r = run("alerts", "--json", "--db", db);
    assertEquals(
        "[ {\n"
            + "  \"id\" : 2,\n"
            + "  \"component\" : \"train\",\n"
            + "  \"trigger\" : \"metric_threshold\",\n"
            + "  \"phase\" : \"after_run\",\n"
            + "  \"position\" : 0,\n"
            + "  \"status\" : \"open\",\n"
            + "  \"openedAt\" : \"2026-01-01T04:10:05Z\",\n"
            + "  \"openedByRun\" : \"train-4\",\n"
            + "  \"resolvedAt\" : null,\n"
            + "  \"resolvedByRun\" : null,\n"
            + "  \"value\" : 0.8,\n"
            + "  \"threshold\" : 0.9,\n"
            + "  \"message\" : \"accuracy 0.8 < 0.9\"\n"
            + "} ]\n",
        r[1]);
  }

  @Test
  void staleListsTheLatestRunsThatAreStale() {
    String[] r = run("stale", "--db", db, "--as-of", "2026-01-02T00:00:00Z");
    assertEquals("0", r[0], r[2]);
    assertEquals(
        "predict  predict-1  started 2026-01-01T05:00:00Z: stale\n"
            + "  fresher_output: train-3 (train) was superseded by train-4, which rewrote"
            + " /m/model-3.bin after it and before this run started\n",
        r[1]);
  }

  @Test
  void staleBeforeTheFresherModelExistedFindsNothing() {
    String[] r = run("stale", "--db", db, "--as-of", "2026-01-01T04:05:00Z");
    assertEquals("no component's latest run is stale\n", r[1]);
  }

  @Test
  void staleJson() {
    String[] r = run("stale", "--json", "--db", db, "--as-of", "2026-01-02T00:00:00Z");
    assertEquals(
        "[ {\n"
            + "  \"runId\" : \"predict-1\",\n"
            + "  \"component\" : \"predict\",\n"
            + "  \"startTime\" : \"2026-01-01T05:00:00Z\",\n"
            + "  \"reasons\" : [ {\n"
            + "    \"kind\" : \"fresher_output\",\n"
            + "    \"dependencyRunId\" : \"train-3\",\n"
            + "    \"dependencyComponent\" : \"train\",\n"
            + "    \"message\" : \"train-3 (train) was superseded by train-4, which rewrote"
            + " /m/model-3.bin after it and before this run started\"\n"
            + "  } ]\n"
            + "} ]\n",
        r[1]);
  }

  @Test
  void inspectSaysWhyARunIsStale() {
    String[] r = run("inspect", "predict-1", "--db", db);
    assertEquals("0", r[0], r[2]);
    String out = r[1];
    int from = out.indexOf("\nstale");
    assertEquals(
        "stale\n  fresher_output: train-3 (train) was superseded by train-4, which rewrote"
            + " /m/model-3.bin after it and before this run started\ntriggers (none)\n",
        out.substring(from + 1, out.indexOf("component predict")));
    String fresh = run("inspect", "train-4", "--db", db)[1];
    assertEquals(true, fresh.contains("\nstale (no)\ntriggers\n"), fresh);
  }

  @Test
  void inspectJsonCarriesTheReasons() throws Exception {
    String[] r = run("inspect", "predict-1", "--json", "--db", db);
    var stale = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r[1]).get("stale");
    assertEquals(1, stale.size());
    assertEquals("fresher_output", stale.get(0).get("kind").asText());
    assertEquals("train-3", stale.get(0).get("dependencyRunId").asText());
  }

  @Test
  void historyHasAStaleColumnWhenARunIsStale() {
    assertEquals(
        List.of(
            "predict: 1 run, newest first",
            "STARTED               DURATION   STATUS  RUN        CODE  STALE",
            "2026-01-01T05:00:00Z  1 min 0 s  ok      predict-1  -     fresher_output"),
        run("history", "predict", "--db", db)[1].lines().toList());
    assertEquals(
        "STARTED               DURATION    STATUS  RUN      CODE  TRIGGERS",
        run("history", "train", "--db", db)[1].lines().toList().get(1));
  }

  @Test
  void aBadAsOfIsAUsageError() {
    String[] r = run("stale", "--db", db, "--as-of", "yesterday");
    assertEquals("1", r[0]);
  }
}
