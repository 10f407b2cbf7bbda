package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once under SIGKILL: while a traced application appends a known number of runs, the
 * following collector is killed at random moments (seeded; the seed is printed, and {@code
 * -Dmltrace.crashSeed=N} replays one) and restarted, several times; a final {@code collect --once}
 * must then leave exactly the application's runs in the database, on H2 and on PostgreSQL.
 */
class CollectorCrashIT {
  static final int RUNS = 20_000;
  static final int KILLS = 5;

  @TempDir Path dir;
  String schema;

  @AfterEach
  void dropSchema() throws Exception {
    PostgresSchemas.drop(schema);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void killedCollectorsStoreEveryRunOnce(String database) throws Exception {
    CollectorCli db;
    if (database.equals("h2")) {
      db = CollectorCli.h2(dir);
    } else {
      schema = PostgresSchemas.create();
      db = CollectorCli.postgres(dir, PostgresSchemas.url(schema));
    }
    long seed = Long.getLong("mltrace.crashSeed", System.nanoTime());
    String context = database + " crash test, seed " + seed + " (-Dmltrace.crashSeed=" + seed + ")";
    System.out.println(context);
    Random random = new Random(seed);
    Path queue = dir.resolve("queue");
    Workload workload = Workload.build(dir.resolve("app"));

    try (Background app =
        // paced (1 ms every 4 runs) so that it keeps appending while the collectors are killed
        workload.start(dir, queue, "produce", dir.resolve("data"), RUNS, dir.resolve("never"), 4)) {
      for (int k = 0; k < KILLS; k++) {
        try (Background collector = db.follow(queue, LOG_DRAINING)) {
          // Start-up takes from one to many seconds on a busy machine, and a kill before the
          // collector drains would test nothing: kill at a random moment after it starts draining
          // (it logs that), while the application still appends. Most kills land mid-drain, many
          // inside a transaction. (The test does not poll the database: on H2 another process
          // opening the file would race the collector for it.)
          waitForDraining(collector);
          long pause = 200 + random.nextInt(2500);
          Thread.sleep(pause);
          System.out.println(context + ": SIGKILL " + (k + 1) + " " + pause + " ms into the drain");
          collector.kill();
        }
      }
      assertEquals(0, app.awaitExit(120), app::toString);
      assertEquals(RUNS, Workload.runsOf(app));
    }
    ProcessResult last = db.run("collect", "--queue", queue.toString(), "--once");
    assertEquals(0, last.exitCode(), last::toString);
    // Runs stored here were left by the killed collectors (or lost with their transactions).
    System.out.println(context + ": after the kills, " + last.stdout().strip());

    List<String> agents = RunChecks.assertExactlyOnce(db, List.of(RUNS), context);
    assertEquals(1, agents.size());
    assertEquals(1, db.count("SELECT COUNT(*) FROM ingest_positions"), context);
    ProcessResult again = db.run("collect", "--queue", queue.toString(), "--once");
    assertTrue(again.stdout().startsWith("stored 0 events (0 runs)"), again::toString);
    assertTrue(Files.isDirectory(queue), "the collector leaves the agent's queue alone");
  }

  /** Makes the collector log when it starts draining a queue. */
  private static final List<String> LOG_DRAINING =
      List.of("-Dorg.slf4j.simpleLogger.log.org.mltrace.collector.ingest.QueueFollower=info");

  private static void waitForDraining(Background collector) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!collector.stderr().contains("draining the queue")) {
      assertTrue(System.nanoTime() < deadline, "the collector did not start draining in 2 minutes");
      assertTrue(collector.isAlive(), collector::toString);
      Thread.sleep(50);
    }
  }
}
