package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.Event;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * {@code mltrace doctor} on real H2 and PostgreSQL databases and real queues: a healthy setup exits
 * 0, each broken one is named with what to do, and exits 3.
 */
class DoctorCommandTest {
  @TempDir Path tmp;
  private final PostgresSchema postgres = new PostgresSchema();

  record Result(int code, String out, String err) {}

  @AfterEach
  void dropSchema() throws Exception {
    postgres.drop();
  }

  private static Result doctor(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  private static List<Event> runs(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> (Event) run(prefix + i, "prep").at(i, i + 0.5).build())
        .toList();
  }

  /** Collects three runs from {@code tmp/queue} into {@code url}. */
  private Path collected(String url) {
    TestDatabases.ingest(url, tmp, runs("r", 3));
    return tmp.resolve("queue");
  }

  @Test
  void healthyH2SetupExitsZeroAndThenReportsTheEntriesNotCollectedYet() {
    String url = TestDatabases.h2Url(tmp);
    Path queue = collected(url);

    Result healthy = doctor("--db", url, "--queue", queue.toString());
    assertEquals(0, healthy.code(), healthy.out() + healthy.err());
    assertTrue(healthy.out().contains("ok       database     " + url + ": H2, "), healthy.out());
    assertTrue(
        healthy.out().matches("(?s).*ok       schema       V\\d+: up to date\n.*"), healthy.out());
    assertTrue(healthy.out().contains(queue + ": 1 agent queue(s), "), healthy.out());
    assertTrue(healthy.out().contains(", everything collected"), healthy.out());
    assertTrue(healthy.out().contains("ok       triggers"), healthy.out());
    assertTrue(healthy.out().contains("ok       dead letters"), healthy.out());
    assertTrue(healthy.out().contains("ok       disk"), healthy.out());
    assertTrue(healthy.out().endsWith("0 problems, 0 warnings\n"), healthy.out());

    TestQueues.write(queue, runs("late", 2));
    Result lagging = doctor("--db", url, "--queue", queue.toString());
    assertEquals(0, lagging.code(), lagging.out());
    assertTrue(lagging.out().contains("WARN     queue        " + queue), lagging.out());
    assertTrue(lagging.out().contains(", 2 entries not collected yet"), lagging.out());
    assertTrue(
        lagging.out().contains("-> run 'mltrace collect --queue " + queue + " --once'"),
        lagging.out());
  }

  @Test
  void healthyPostgresSetupExitsZero() {
    String url = postgres.create();
    Path queue = collected(url);

    Result r = doctor("--db", url, "--queue", queue.toString(), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode findings = json(r.out());
    assertEquals("PostgreSQL", findings.get(0).get("detail").asText().split(",")[0]);
    for (JsonNode f : findings) {
      assertEquals("OK", f.get("severity").asText(), f.toString());
    }
  }

  @Test
  void unreachablePostgresIsAProblemWithWhatToDo() {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    Result r = doctor("--db", "jdbc:postgresql://127.0.0.1:1/test?user=postgres");
    assertEquals(ExitCodes.IO, r.code(), r.out());
    assertTrue(r.out().startsWith("PROBLEM  database     jdbc:postgresql://127.0.0.1:1/"), r.out());
    assertTrue(r.out().contains("-> start PostgreSQL or correct host, port"), r.out());
    assertTrue(r.out().contains("pg_isready"), r.out());
    assertTrue(r.out().endsWith("1 problem, 0 warnings\n"), r.out());
  }

  @Test
  void missingH2DatabaseIsAProblemAndNotCreated() {
    String url = TestDatabases.h2Url(tmp.resolve("nowhere"));
    Result r = doctor("--db", url, "--queue", tmp.resolve("q").toString());
    assertEquals(ExitCodes.IO, r.code(), r.out());
    assertTrue(
        r.out().contains("PROBLEM  database     " + url + ": no mltrace database at "), r.out());
    assertTrue(r.out().contains("-> create it by collecting into it: 'mltrace collect --queue "));
    assertFalse(Files.exists(tmp.resolve("nowhere")), "the doctor created the database");
  }

  @Test
  void missingAndMistakenQueuesAreProblems() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    collected(url);
    Path missing = tmp.resolve("no-such-queue");
    Path file = Files.writeString(tmp.resolve("a-file"), "not a queue");

    Result r = doctor("--db", url, "--queue", missing.toString(), "--queue", file.toString());
    assertEquals(ExitCodes.IO, r.code(), r.out());
    assertTrue(
        r.out().contains("PROBLEM  queue        " + missing + ": no such directory"), r.out());
    assertTrue(r.out().contains("PROBLEM  queue        " + file + ": not a directory"), r.out());
    assertTrue(r.out().endsWith("2 problems, 0 warnings\n"), r.out());
  }

  @Test
  void unreadableQueueIsAProblem() throws Exception {
    // Permissions do not stop root, who runs CI: checked where they apply.
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads any directory");
    String url = TestDatabases.h2Url(tmp);
    Path queue = collected(url);
    Files.setPosixFilePermissions(queue, PosixFilePermissions.fromString("---------"));
    try {
      Result r = doctor("--db", url, "--queue", queue.toString());
      assertEquals(ExitCodes.IO, r.code(), r.out());
      assertTrue(
          r.out().contains("PROBLEM  queue        " + queue + ": not readable by this user"));
    } finally {
      Files.setPosixFilePermissions(queue, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void triggersWaitingForHoursAreAProblemAndDeadLettersAWarning() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Path queue = collected(url);
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO trigger_pending (run_id, enqueued_at) VALUES"
              + " ('r0', CURRENT_TIMESTAMP - INTERVAL '3' HOUR)");
      st.execute(
          "INSERT INTO dead_letters (queue_id, queue_index, reason, received_at) VALUES"
              + " ('q', 7, 'unknown format version 99', CURRENT_TIMESTAMP)");
    }
    Result r = doctor("--db", url, "--queue", queue.toString());
    assertEquals(ExitCodes.IO, r.code(), r.out());
    assertTrue(
        r.out()
            .contains(
                "PROBLEM  triggers     trigger_pending: 1 run(s) wait for their triggers,"
                    + " the oldest for 3 h: no collector evaluates them"),
        r.out());
    assertTrue(
        r.out().contains("WARN     dead letters dead_letters: 1 queue entries could not"), r.out());
    assertTrue(r.out().contains("SELECT queue_id, queue_index, reason FROM dead_letters"), r.out());
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
