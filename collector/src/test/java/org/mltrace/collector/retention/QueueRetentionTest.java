package org.mltrace.collector.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.CycledQueues.T0;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.ingest.QueueDrainer;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.testing.AgentQueueDirs;
import org.mltrace.collector.testing.CycledQueues;
import org.mltrace.collector.testing.TestDatabases;

/**
 * Real queues with one-second cycles, drained into a real H2 database, then swept: only stored, old
 * enough, non-newest cycles go, and the drain goes on unharmed afterwards.
 */
class QueueRetentionTest {
  @TempDir Path tmp;
  private Database database;
  private JdbcIngestStore store;
  private Path queue;

  @BeforeEach
  void open() {
    database = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE);
    store = new JdbcIngestStore(database);
    queue = tmp.resolve("queue");
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** Two runs in each of the cycles of seconds 0, 1 and 2. */
  private void writeThreeCycles() {
    for (int second = 0; second < 3; second++) {
      CycledQueues.append(queue, second, List.of(runAt(second, "a"), runAt(second, "b")));
    }
  }

  private static RunEvent runAt(int second, String suffix) {
    return run("r" + second + suffix, "train").at(second, second + 0.5).build();
  }

  private long drain() {
    try (QueueDrainer drainer =
        new QueueDrainer(store, queue, 100, Clock.systemUTC(), alerts -> {})) {
      return drainer.drainAvailable().runs();
    }
  }

  private long stored() {
    return store.lastIndex(queue.toAbsolutePath().normalize().toString()).orElse(-1);
  }

  private static QueueRetention keeping(Duration keep, Instant now) {
    return QueueRetention.keeping(keep, Clock.fixed(now, ZoneOffset.UTC));
  }

  private long count(String sql) throws SQLException {
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void deletesStoredCyclesOlderThanTheRetentionButNeverTheNewest() throws Exception {
    writeThreeCycles();
    assertEquals(6, drain());
    List<String> before = CycledQueues.cycleFiles(queue);
    assertEquals(3, before.size());

    SweepResult r = keeping(Duration.ofDays(1), T0.plus(Duration.ofDays(2))).sweep(queue, stored());

    assertEquals(2, r.cyclesDeleted());
    assertTrue(r.bytesFreed() > 0);
    assertFalse(r.finished(), "the queue's name is not an agent's: it is never removed");
    assertEquals(List.of(before.get(2)), CycledQueues.cycleFiles(queue));

    // The drain goes on from the stored position: new entries, no duplicates, nothing re-read.
    CycledQueues.append(queue, 3, List.of(runAt(3, "a")));
    assertEquals(1, drain());
    assertEquals(7, count("SELECT COUNT(*) FROM component_runs"));
  }

  @Test
  void keepsCyclesThatEndedLessThanTheRetentionAgo() {
    writeThreeCycles();
    drain();
    List<String> before = CycledQueues.cycleFiles(queue);

    // Cycle 0 ended at T0+1s, cycle 1 at T0+2s: a cutoff at T0+1.5s lets only cycle 0 go.
    SweepResult r =
        keeping(Duration.ofDays(1), T0.plus(Duration.ofDays(1)).plusMillis(1500))
            .sweep(queue, stored());

    assertEquals(1, r.cyclesDeleted());
    assertEquals(before.subList(1, 3), CycledQueues.cycleFiles(queue));
  }

  @Test
  void neverDeletesACycleWithUnstoredEntries() throws Exception {
    writeThreeCycles();
    drain();
    List<String> before = CycledQueues.cycleFiles(queue);
    // Pretend only cycle 0 and the first entry of cycle 1 were stored.
    List<Long> indexes = org.mltrace.collector.testing.TestQueues.indexes(queue);
    try (Statement st = database.connection().createStatement()) {
      st.executeUpdate("UPDATE ingest_positions SET last_index = " + indexes.get(2));
    }

    SweepResult r = keeping(Duration.ZERO, T0.plus(Duration.ofDays(9))).sweep(queue, stored());

    assertEquals(1, r.cyclesDeleted());
    assertEquals(before.subList(1, 3), CycledQueues.cycleFiles(queue));
  }

  @Test
  void deletesNothingBeforeAnythingIsStored() {
    writeThreeCycles();

    SweepResult r = keeping(Duration.ZERO, T0.plus(Duration.ofDays(9))).sweep(queue, -1);

    assertEquals(0, r.cyclesDeleted());
    assertEquals(3, CycledQueues.cycleFiles(queue).size());
  }

  @Test
  void retentionZeroDeletesCyclesAsSoonAsTheyAreStored() {
    writeThreeCycles();
    drain();

    SweepResult r = keeping(Duration.ZERO, T0.plusSeconds(3)).sweep(queue, stored());

    assertEquals(2, r.cyclesDeleted());
    assertEquals(1, CycledQueues.cycleFiles(queue).size());
  }

  @Test
  void removesTheQueueOfAnAgentThatExitedOnceEverythingIsStored() throws Exception {
    long deadPid = AgentQueueDirs.exitedPid();
    queue = tmp.resolve("queues").resolve(AgentQueueDirs.forPid(deadPid));
    writeThreeCycles();
    // A day after its files were last written (now): old enough.
    QueueRetention retention = keeping(Duration.ofDays(1), Instant.now().plus(Duration.ofDays(2)));

    assertFalse(retention.sweep(queue, -1).finished(), "nothing stored yet");
    drain();
    SweepResult r = retention.sweep(queue, stored());

    assertTrue(r.finished());
    assertTrue(retention.removeQueue(queue));
    assertFalse(Files.exists(queue));
    assertEquals(6, count("SELECT COUNT(*) FROM component_runs"));
  }

  @Test
  void keepsTheQueueOfARunningAgent() {
    queue = tmp.resolve("queues").resolve(AgentQueueDirs.forPid(ProcessHandle.current().pid()));
    writeThreeCycles();
    drain();

    SweepResult r = keeping(Duration.ZERO, T0.plus(Duration.ofDays(9))).sweep(queue, stored());

    assertFalse(r.finished());
    assertEquals(1, CycledQueues.cycleFiles(queue).size(), "the newest cycle stays");
  }

  @Test
  void keepsTheQueueOfAnExitedAgentUntilItWasLastWrittenTheRetentionAgo() throws Exception {
    queue = tmp.resolve("queues").resolve(AgentQueueDirs.forPid(AgentQueueDirs.exitedPid()));
    writeThreeCycles();
    drain();

    // Its files were written just now: with one day kept, not for another day.
    SweepResult r = keeping(Duration.ofDays(1), Instant.now()).sweep(queue, stored());

    assertFalse(r.finished());
    assertTrue(Files.isDirectory(queue));
    assertTrue(
        keeping(Duration.ofDays(1), Instant.now().plus(Duration.ofDays(1)).plusSeconds(60))
            .sweep(queue, stored())
            .finished());
  }
}
