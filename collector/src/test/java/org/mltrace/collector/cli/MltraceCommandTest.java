package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/** Runs the real command line in-process, capturing stdout and stderr. */
class MltraceCommandTest {
  @TempDir static Path tmp;
  private static String db;
  private static Path queue;

  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Result mltrace(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void collect() {
    db = TestDatabases.h2Url(tmp);
    queue = tmp.resolve("queue");
    List<Event> events = new ArrayList<>();
    events.add(
        new ComponentEvent("train", "fits", "ml-team", List.of("nightly"), List.of("T#fit()")));
    events.add(
        run("prep-1", "prep")
            .at(0, 1)
            .reads("raw", "/data/raw.csv")
            .writes("return", "/data/clean.csv")
            .build());
    for (int i = 1; i <= 3; i++) {
      events.add(
          run("train-" + i, "train")
              .at(10 * i, 10 * i + 2)
              .reads("features", "/data/clean.csv")
              .writes("return", "/models/m.bin", "model")
              .build());
    }
    TestQueues.write(queue, events);
    TestQueues.writeRaw(queue, List.of(new byte[] {1, 99}));

    Result first = mltrace("collect", "--queue", queue.toString(), "--once", "--db", db);
    assertEquals(0, first.code(), first.err());
    assertEquals(
        "stored 5 events (4 runs), dead-lettered 1 from " + queue + " into " + db + "\n",
        first.out());
    Result second = mltrace("collect", "--queue", queue.toString(), "--once", "--db", db);
    assertTrue(
        second.out().startsWith("stored 0 events (0 runs), dead-lettered 0 from "), second.out());
  }

  private static void assertOneLineError(Result r, int code, String message) {
    assertEquals(code, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("mltrace: "), r.err());
    if (message != null) {
      assertEquals("mltrace: " + message + "\n", r.err());
    }
  }

  @Test
  void traceTextIsATreeOfRunsWithValues() {
    Result r = mltrace("trace", "/models/m.bin", "--db", db);
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("/models/m.bin [model], written by:", lines.get(0));
    assertEquals("└─ train  train-3  2026-01-01T00:00:30Z  2.000 s  ok", lines.get(1));
    assertEquals("   │ in   features = /data/clean.csv [data]", lines.get(2));
    assertEquals("   │ out  return = /models/m.bin [model]", lines.get(3));
    assertEquals(
        "   └─ prep  prep-1  2026-01-01T00:00:00Z  1.000 s  ok  (via /data/clean.csv)",
        lines.get(4));
    assertEquals("        in   raw = /data/raw.csv [data]", lines.get(5));
    assertEquals("        out  return = /data/clean.csv [data]", lines.get(6));
    assertEquals(7, lines.size(), r.out());
  }

  @Test
  void traceJsonNestsUpstream() throws Exception {
    Result r = mltrace("trace", "train-2", "--json", "--db", db);
    assertEquals(0, r.code(), r.err());
    JsonNode run = new ObjectMapper().readTree(r.out());
    assertEquals("train-2", run.get("id").asText());
    assertEquals("prep-1", run.get("upstream").get(0).get("id").asText());
    assertEquals("/data/clean.csv", run.get("inputs").get(0).get("value").asText());
  }

  @Test
  void historyListsNewestFirstWithLimit() throws Exception {
    Result text = mltrace("history", "train", "--limit", "2", "--db", db);
    assertEquals(0, text.code(), text.err());
    List<String> lines = text.out().lines().toList();
    assertEquals("train: 2 runs, newest first (limit 2)", lines.get(0));
    assertTrue(lines.get(2).contains("train-3") && lines.get(3).contains("train-2"), text.out());
    JsonNode json =
        new ObjectMapper().readTree(mltrace("history", "train", "--json", "--db", db).out());
    assertEquals(3, json.size());
    assertEquals("train-3", json.get(0).get("id").asText());
  }

  @Test
  void historyTakesATimeWindowLikeTrace() throws Exception {
    // train-1, -2, -3 start at 00:00:10, :20, :30.
    Result r =
        mltrace(
            "history",
            "train",
            "--since",
            "2026-01-01T00:00:15Z",
            "--until",
            "2026-01-01T00:00:30Z",
            "--json",
            "--db",
            db);
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(1, json.size(), r.out());
    assertEquals("train-2", json.get(0).get("id").asText());
    // With --metric the window bounds the series instead (HistoryMetricBucketsTest).
  }

  @Test
  void inspectPrintsEverything() {
    Result r = mltrace("inspect", "train-1", "--db", db);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("run           train-1\n"), r.out());
    assertTrue(r.out().contains("  prep-1 (prep) via /data/clean.csv\n"), r.out());
    assertTrue(r.out().contains("  owner       ml-team\n"), r.out());
  }

  @Test
  void sqlPrintsAHeaderAndOneLinePerRow() {
    Result r =
        mltrace(
            "sql",
            "SELECT id, status FROM component_runs WHERE component = 'train' ORDER BY id",
            "--db",
            db);
    assertEquals(0, r.code(), r.err());
    assertEquals(
        List.of("id      | status", "train-1 | ok", "train-2 | ok", "train-3 | ok"),
        r.out().lines().toList());
  }

  @Test
  void sqlWritesAreRefusedWithUsageCodeAndChangeNothing() {
    for (String statement :
        List.of(
            "INSERT INTO components (name) VALUES ('x')",
            "UPDATE component_runs SET status = 'failed'",
            "DROP TABLE component_runs")) {
      assertOneLineError(mltrace("sql", statement, "--db", db), ExitCodes.USAGE, null);
    }
    Result count =
        mltrace("sql", "SELECT COUNT(*) AS n FROM component_runs WHERE status = 'ok'", "--db", db);
    assertEquals(List.of("n", "4"), count.out().lines().toList());
  }

  @Test
  void badSqlIsAUsageError() {
    assertOneLineError(mltrace("sql", "SELEKT 1", "--db", db), ExitCodes.USAGE, null);
    assertOneLineError(
        mltrace("sql", "SELECT nope FROM component_runs", "--db", db), ExitCodes.USAGE, null);
  }

  @Test
  void unknownIdsAreNotFoundInOneLine() {
    assertOneLineError(
        mltrace("trace", "x", "--db", db),
        ExitCodes.NOT_FOUND,
        "no run or output with id 'x' (try 'mltrace history COMPONENT' to list runs)");
    assertOneLineError(
        mltrace("inspect", "x", "--db", db),
        ExitCodes.NOT_FOUND,
        "no run with id 'x' (try 'mltrace history COMPONENT' to list runs)");
    assertOneLineError(mltrace("history", "nope", "--db", db), ExitCodes.NOT_FOUND, null);
  }

  @Test
  void badArgumentsAreUsageErrorsInOneLine() {
    assertOneLineError(
        mltrace("history", "train", "--limit", "abc", "--db", db), ExitCodes.USAGE, null);
    assertOneLineError(
        mltrace("history", "train", "--limit", "0", "--db", db), ExitCodes.USAGE, null);
    assertOneLineError(mltrace("trace", "--db", db), ExitCodes.USAGE, null);
    assertOneLineError(mltrace("trace", "a", "b", "--db", db), ExitCodes.USAGE, null);
    assertOneLineError(mltrace("nosuchcommand"), ExitCodes.USAGE, null);
    assertOneLineError(mltrace("collect", "--once"), ExitCodes.USAGE, null);
  }

  @Test
  void databaseAndQueueProblemsExitWith3() {
    assertOneLineError(
        mltrace("trace", "x", "--db", "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2"),
        ExitCodes.IO,
        null);
    assertOneLineError(
        mltrace("history", "train", "--db", TestDatabases.h2Url(tmp.resolve("missing"))),
        ExitCodes.IO,
        null);
    assertOneLineError(mltrace("trace", "x", "--db", "not-a-url"), ExitCodes.IO, null);
    assertOneLineError(
        mltrace("collect", "--once", "--queue", tmp.resolve("nope").toString(), "--db", db),
        ExitCodes.IO,
        "no queue directory at " + tmp.resolve("nope"));
  }

  @Test
  void debugAddsTheStackTrace() {
    Result r = mltrace("--debug", "inspect", "x", "--db", db);
    assertEquals(ExitCodes.NOT_FOUND, r.code());
    assertTrue(r.errLines().size() > 1, r.err());
    assertTrue(r.err().contains("NotFoundException"), r.err());
  }

  @Test
  void noCommandPrintsUsageAndFails() {
    Result r = mltrace();
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("Usage: mltrace"), r.err());
    assertEquals(0, mltrace("--help").code());
  }
}
