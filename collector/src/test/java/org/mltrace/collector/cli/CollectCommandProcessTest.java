package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrace.agent.event.Event;
import org.mltrace.collector.MltraceException;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * {@code collect} without {@code --once} in its own JVM, stopped by a real signal: it must commit
 * what it read, print its summary and exit 0, and a later drain must find nothing left.
 */
class CollectCommandProcessTest {
  static final List<String> JVM_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void signalCommitsPrintsTheSummaryAndExitsZero(String signal) throws Exception {
    Path queue = tmp.resolve("queue");
    String db = TestDatabases.h2Url(tmp);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(run("r" + i, "prep").at(i, i + 0.5).build());
    }
    TestQueues.write(queue, events);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            MltraceCommand.class.getName(),
            "collect",
            "--queue",
            queue.toString(),
            "--db",
            db));
    Path stdout = tmp.resolve("stdout");
    Path stderr = tmp.resolve("stderr");
    Process collector =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      awaitRuns(db, 3, collector);
      TestQueues.write(queue, List.of(run("r3", "prep").at(9, 10).build()));
      awaitRuns(db, 4, collector);
      signal(collector, signal);
      assertTrue(collector.waitFor(60, TimeUnit.SECONDS), "collector did not stop on SIG" + signal);
    } finally {
      collector.destroyForcibly();
    }

    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, collector.exitValue(), err);
    assertEquals(
        "stored 4 events (4 runs), dead-lettered 0 from " + queue + " into " + db + "\n",
        Files.readString(stdout, StandardCharsets.UTF_8));
    assertEquals("", err);
    MltraceCommandTest.Result again =
        MltraceCommandTest.mltrace("collect", "--once", "--queue", queue.toString(), "--db", db);
    assertTrue(again.out().startsWith("stored 0 events (0 runs)"), again.out());
  }

  private static void signal(Process process, String signal)
      throws IOException, InterruptedException {
    if (signal.equals("TERM")) {
      process.destroy(); // SIGTERM on Unix
    } else {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .inheritIO()
              .start();
      assertEquals(0, kill.waitFor());
    }
  }

  /** Waits until the collector (serving the H2 file through AUTO_SERVER) has stored n runs. */
  private static void awaitRuns(String db, int n, Process collector) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && collector.isAlive()) {
      try (QueryService queries = QueryService.open(db)) {
        if (queries.history("prep", 100).runs().size() >= n) {
          return;
        }
      } catch (MltraceException notYet) {
        // the database or the component does not exist yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "collector stored fewer than " + n + " runs in time (alive: " + collector.isAlive() + ")");
  }
}
