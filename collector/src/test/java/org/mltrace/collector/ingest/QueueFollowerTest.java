package org.mltrace.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/** Several real Chronicle queues under one directory, found, drained and followed into real H2. */
class QueueFollowerTest {
  @TempDir Path tmp;
  private Path root;
  private String url;
  private Database database;

  @BeforeEach
  void open() {
    root = tmp.resolve("queue");
    url = TestDatabases.h2Url(tmp);
    database = Database.open(url, Database.Access.CREATE);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private long count(String sql) throws SQLException {
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void awaitRuns(long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count("SELECT COUNT(*) FROM component_runs") < expected
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(expected, count("SELECT COUNT(*) FROM component_runs"));
  }

  @Test
  void discoveryFindsTheDirectoryItselfAndItsQueueSubdirectoriesOnly() throws Exception {
    TestQueues.write(root, List.of(run("legacy", "prep").build()));
    TestQueues.write(root.resolve("h-2-b"), List.of(run("b", "prep").build()));
    TestQueues.write(root.resolve("h-1-a"), List.of(run("a", "prep").build()));
    Files.createDirectories(root.resolve("empty-agent-dir"));
    Files.createDirectories(root.resolve("not-a-queue")).resolve("x.txt").toFile().createNewFile();
    TestQueues.write(root.resolve("h-1-a").resolve("nested"), List.of(run("n", "prep").build()));

    assertEquals(
        List.of(root, root.resolve("h-1-a"), root.resolve("h-2-b")), QueueDiscovery.find(root));
    assertFalse(
        Files.list(root.resolve("empty-agent-dir")).findAny().isPresent(),
        "looking must not create queue files");
  }

  @Test
  void discoveryOfAMissingDirectoryIsAnError() {
    QueueException e = assertThrows(QueueException.class, () -> QueueDiscovery.find(root));
    assertTrue(e.getMessage().contains("no queue directory at " + root), e.getMessage());
  }

  @Test
  void drainStoresEveryQueueWithItsOwnPosition() throws Exception {
    TestQueues.write(root.resolve("h-1-a"), List.of(run("a1", "prep").build()));
    TestQueues.write(root.resolve("h-2-b"), List.of(run("b1", "prep").build()));
    try (Collector collector = Collector.open(url)) {
      assertEquals(new DrainResult(2, 2, 0, 0), collector.drain(root));
      TestQueues.write(root.resolve("h-2-b"), List.of(run("b2", "prep").build()));
      assertEquals(new DrainResult(1, 1, 0, 0), collector.drain(root));
      assertEquals(DrainResult.NONE, collector.drain(root));
    }
    assertEquals(3, count("SELECT COUNT(*) FROM component_runs"));
    assertEquals(2, count("SELECT COUNT(*) FROM ingest_positions"));
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM ingest_positions WHERE queue_id = '"
                + root.resolve("h-2-b").toAbsolutePath()
                + "'"));
  }

  @Test
  void followPicksUpQueuesThatAppearWhileFollowing() throws Exception {
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
                        QueueAftercare.none(store),
                        alerts -> {})
                    .follow(stop::get);
              }
            });
    // the directory appears after the follower started, then the queues one by one
    TestQueues.write(root.resolve("h-1-a"), List.of(run("a1", "prep").build()));
    awaitRuns(1);
    TestQueues.write(root.resolve("h-2-b"), List.of(run("b1", "prep").build()));
    awaitRuns(2);
    TestQueues.write(
        root.resolve("h-1-a"),
        List.of(run("a2", "prep").build(), run("a3", "train").at(50, 51).build()));
    awaitRuns(4);
    stop.set(true);
    assertEquals(new DrainResult(4, 4, 0, 0), follower.get(30, TimeUnit.SECONDS));
    try (Collector collector = Collector.open(url)) {
      assertEquals(DrainResult.NONE, collector.drain(root));
    }
  }
}
