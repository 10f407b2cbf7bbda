package org.mltrace.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.artifact.ArtifactStore;
import org.mltrace.collector.artifact.SnapshotCopier;
import org.mltrace.collector.retention.QueueRetention;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.testing.AgentQueueDirs;
import org.mltrace.collector.testing.CycledQueues;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@code collect} (following, and {@code --once}) applies the queue retention: real queues of a
 * running and an exited agent, real H2.
 */
class QueueFollowerRetentionTest {
  @TempDir Path tmp;

  private static List<RunEvent> runs(String prefix, int second) {
    return List.of(
        run(prefix + second + "a", "train").at(second, second + 0.1).build(),
        run(prefix + second + "b", "train").at(second, second + 0.2).build());
  }

  private static void writeThreeCycles(Path queue, String prefix) {
    for (int s = 0; s < 3; s++) {
      CycledQueues.append(queue, s, runs(prefix, s));
    }
  }

  /** Runs that save a model marked {@code snapshot: true}: the copier has to read them. */
  private static void writeThreeCyclesOfSnapshots(Path queue, String prefix) {
    for (int s = 0; s < 3; s++) {
      CapturedValue model =
          new CapturedValue(
              "return", ValueKind.POINTER, "mem://a/M@" + s, "model", "M", -1, null, null, true);
      CycledQueues.append(
          queue, s, List.of(run(prefix + s, "save_model").at(s, s + 0.1).output(model).build()));
    }
  }

  @Test
  void followingDeletesDrainedCyclesAndRemovesTheQueueOfAnExitedAgent() throws Exception {
    Path root = tmp.resolve("queue");
    Path running = root.resolve(AgentQueueDirs.forPid(ProcessHandle.current().pid()));
    Path exited = root.resolve(AgentQueueDirs.forPid(AgentQueueDirs.exitedPid()));
    writeThreeCycles(running, "live");
    writeThreeCycles(exited, "gone");
    String url = TestDatabases.h2Url(tmp);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<DrainResult> follower =
        CompletableFuture.supplyAsync(
            () -> {
              try (Database own = Database.open(url, Database.Access.CREATE)) {
                JdbcIngestStore store = new JdbcIngestStore(own);
                return new QueueFollower(
                        store,
                        root,
                        10,
                        Duration.ofMillis(20),
                        Clock.systemUTC(),
                        new QueueAftercare(
                            store, QueueRetention.keeping(Duration.ZERO, Clock.systemUTC()), null),
                        alerts -> {})
                    .follow(stop::get);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((Files.exists(exited) || CycledQueues.cycleFiles(running).size() > 1)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    stop.set(true);
    assertEquals(12, follower.get(30, TimeUnit.SECONDS).runs());

    assertFalse(Files.exists(exited), "an exited agent's stored, old queue is removed");
    assertEquals(1, CycledQueues.cycleFiles(running).size(), "a running agent keeps its newest");
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT id) FROM component_runs")) {
      rs.next();
      assertEquals(12, rs.getLong(1));
    }
  }

  @Test
  void cyclesTheSnapshotCopierHasNotReadAreKept() throws Exception {
    Path queue = tmp.resolve("queue").resolve("q");
    writeThreeCyclesOfSnapshots(queue, "r");
    String url = TestDatabases.h2Url(tmp);
    try (Database db = Database.open(url, Database.Access.CREATE);
        SnapshotCopier copier =
            new SnapshotCopier(
                db, new ArtifactStore(tmp.resolve("artifacts")), 1024, Clock.systemUTC())) {
      JdbcIngestStore store = new JdbcIngestStore(db);
      String queueId;
      try (QueueDrainer drainer =
          new QueueDrainer(store, queue, 100, Clock.systemUTC(), alerts -> {})) {
        assertEquals(3, drainer.drainAvailable().runs());
        queueId = drainer.queueId();
      }
      QueueAftercare aftercare =
          new QueueAftercare(
              store, QueueRetention.keeping(Duration.ZERO, Clock.systemUTC()), copier);

      // Stored, but the copier has read nothing yet: nothing may go.
      assertEquals(0, aftercare.sweep(queue, queueId).cyclesDeleted());
      assertEquals(3, CycledQueues.cycleFiles(queue).size());

      aftercare.afterBatch(queue, queueId);
      assertEquals(2, aftercare.sweep(queue, queueId).cyclesDeleted());
    }
  }

  @Test
  void drainOnceAppliesTheRetentionAfterStoring() throws Exception {
    Path root = tmp.resolve("queue");
    Path exited = root.resolve(AgentQueueDirs.forPid(AgentQueueDirs.exitedPid()));
    writeThreeCycles(exited, "gone");
    try (Collector collector =
        Collector.open(TestDatabases.h2Url(tmp)).retainingQueues(Duration.ZERO)) {
      assertEquals(6, collector.drain(root).runs());
      assertFalse(Files.exists(exited));
      assertTrue(collector.retentionDeletedAnything());
      assertEquals(
          "deleted 2 drained queue file(s) ("
              + 0
              + " KiB) and 1 finished queue(s) of exited agents",
          collector.retentionSummary().replaceAll("\\(\\d+ KiB\\)", "(0 KiB)"));
    }
  }
}
