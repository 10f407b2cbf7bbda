package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar mltrace-agent.jar attach|reload|detach PID} on a JVM that was started without
 * the agent: tracing starts on attach, switches components on reload, stops on detach, and the
 * application never notices.
 */
class LateAttachIT {
  @TempDir Path dir;

  private ProcessResult agentCommand(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("-jar", Artifacts.agentJar().toString()));
    command.addAll(List.of(args));
    return JavaProcess.run(dir, command);
  }

  /** Waits until the app has printed at least {@code lines} lines, so calls are happening. */
  private static void awaitLines(Path out, int lines) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Files.readAllLines(out).size() < lines) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the application printed only " + Files.readAllLines(out).size() + " lines");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void attachReloadAndDetachARunningJvm() throws Exception {
    Path classes =
        FixtureApp.compile(
            dir,
            17,
            Map.of(
                "app/Loop.java",
                """
        package app;
        import java.nio.file.*;
        public class Loop {
          static int tick(int i) { int doubled = i * 2; return doubled; }
          static int tock(int i) { return i + 1; }
          public static void main(String[] args) throws Exception {
            Path stop = Path.of(args[0]);
            long sum = 0;
            for (int i = 0; !Files.exists(stop); i++) {
              sum += tick(i) + tock(i);
              if (i % 20 == 0) System.out.println("i=" + i);
              Thread.sleep(5);
            }
            System.out.println("done " + (sum > 0));
          }
        }
        """));
    Path a =
        Files.writeString(
            dir.resolve("a.yaml"),
            """
        components:
          - name: tick
            method: "app.Loop#tick(int)"
            inputs: [i]
            outputs: [return, doubled]
        """);
    Path b =
        Files.writeString(
            dir.resolve("b.yaml"),
            """
        components:
          - name: tock
            method: "app.Loop#tock(int)"
            inputs: [i]
            outputs: [return]
        """);
    Path queue = dir.resolve("queue");
    Path out = dir.resolve("app.out");
    Path err = dir.resolve("app.err");
    Instant detached;
    List<String> appArgs = new java.util.ArrayList<>();
    if (Runtime.version().feature() >= 21) {
      // Without it Java 21+ prints its own notice on stderr for every dynamically loaded agent
      // (JEP 451); an operator who means to attach agents starts the JVM with it.
      appArgs.add("-XX:+EnableDynamicAgentLoading");
    }
    appArgs.addAll(List.of("-cp", classes.toString(), "app.Loop", dir.resolve("stop").toString()));
    Process app = JavaProcess.start(dir, appArgs, out, err);
    try {
      String pid = Long.toString(app.pid());
      awaitLines(out, 2);
      ProcessResult attach = agentCommand("attach", pid, "config=" + a + ",queue=" + queue);
      assertEquals(0, attach.exitCode(), attach::toString);
      awaitLines(out, Files.readAllLines(out).size() + 3);
      ProcessResult reload = agentCommand("reload", pid, "config=" + b + ",queue=" + queue);
      assertEquals(0, reload.exitCode(), reload::toString);
      awaitLines(out, Files.readAllLines(out).size() + 3);
      ProcessResult detach = agentCommand("detach", pid);
      assertEquals(0, detach.exitCode(), detach::toString);
      detached = Instant.now();
      awaitLines(out, Files.readAllLines(out).size() + 3);
      Files.createFile(dir.resolve("stop"));
      assertTrue(app.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, app.exitValue(), Files.readString(err));
    } finally {
      app.destroyForcibly();
    }
    assertTrue(Files.readString(out).endsWith("done true\n"), Files.readString(out));
    String stderr = Files.readString(err);
    assertTrue(stderr.lines().allMatch(l -> l.startsWith("[mltrace] ")), stderr);
    assertEquals(
        2,
        stderr.lines().filter(l -> l.contains("tracing stopped; 1 classes restored")).count(),
        stderr);

    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    JsonNode ticks = mltrace.json("history", "tick", "--limit", "100000");
    JsonNode tocks = mltrace.json("history", "tock", "--limit", "100000");
    assertTrue(ticks.size() > 0, "no tick runs while attached");
    assertTrue(tocks.size() > 0, "no tock runs after the reload");
    // history is newest first: the newest tick started before the oldest tock (the reload
    // replaced one component by the other), and nothing ran after the detach returned.
    Instant newestTick = Instant.parse(ticks.get(0).path("startTime").asText());
    Instant oldestTock = Instant.parse(tocks.get(tocks.size() - 1).path("startTime").asText());
    Instant newestTock = Instant.parse(tocks.get(0).path("endTime").asText());
    assertTrue(newestTick.isBefore(oldestTock), newestTick + " !< " + oldestTock);
    assertTrue(newestTock.isBefore(detached), newestTock + " !< " + detached);
  }
}
