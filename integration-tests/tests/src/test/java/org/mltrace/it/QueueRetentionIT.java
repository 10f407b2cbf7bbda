package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue retention with a real agent: the demo pipeline runs under the agent (a real JVM) and exits;
 * {@code collect --once --queue-retention 0} stores its runs and removes its queue, named by the
 * agent itself ({@code HOST-PID-AGENTID}); a second collect finds nothing to store twice.
 */
class QueueRetentionIT {
  @TempDir Path dir;

  @Test
  void theQueueOfAnExitedAgentIsRemovedOnceEverythingInItIsStored() throws Exception {
    Path queue = dir.resolve("queue");
    ProcessResult app =
        TracedApp.withAgent(
            dir,
            Artifacts.configExample("taxi.yaml"),
            queue,
            List.of(
                "-jar",
                Artifacts.demoJar().toString(),
                dir.resolve("work").toString(),
                "--trips",
                "200"));
    assertEquals(0, app.exitCode(), app::toString);
    List<Path> agentQueues;
    try (Stream<Path> s = Files.list(queue)) {
      agentQueues = s.toList();
    }
    assertEquals(1, agentQueues.size(), agentQueues::toString);
    CollectorCli mltrace = CollectorCli.h2(dir);

    ProcessResult kept = mltrace.run("collect", "--queue", queue.toString(), "--once");
    assertEquals(0, kept.exitCode(), kept::toString);
    assertTrue(Files.isDirectory(agentQueues.get(0)), "the default retention (1 day) keeps it");
    long runs = mltrace.count("SELECT COUNT(*) FROM component_runs");
    assertTrue(runs > 0);

    ProcessResult removed =
        mltrace.run("collect", "--queue", queue.toString(), "--once", "--queue-retention", "0");
    assertEquals(0, removed.exitCode(), removed::toString);
    assertTrue(
        removed.stdout().contains("and 1 finished queue(s) of exited agents"), removed.stdout());
    assertTrue(Files.notExists(agentQueues.get(0)));
    assertEquals(runs, mltrace.count("SELECT COUNT(*) FROM component_runs"), "stored once");
  }
}
