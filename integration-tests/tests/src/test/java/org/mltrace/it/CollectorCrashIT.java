package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

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
        long before = storedRuns(db);
        try (Background collector = db.follow(queue)) {
          // Kill only once this collector has committed something, then at a random moment:
          // start-up takes from 1 to many seconds on a busy machine, and a kill before the first
          // commit would test nothing. Most kills land mid-drain, many inside a transaction.
          waitForMoreRuns(db, before, collector);
          long pause = random.nextInt(1500);
          Thread.sleep(pause);
          System.out.println(context + ": SIGKILL " + (k + 1) + " " + pause + " ms after a commit");
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

  /** Runs stored so far, or -1 while the database does not exist yet. */
  private static long storedRuns(CollectorCli db) throws Exception {
    try {
      return db.count("SELECT COUNT(*) FROM component_runs");
    } catch (AssertionError noDatabaseYet) {
      return -1;
    }
  }

  /** Waits until the collector stored runs beyond {@code before}, or all of them are stored. */
  private static void waitForMoreRuns(CollectorCli db, long before, Background collector)
      throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    for (long stored = storedRuns(db); stored <= before && stored < RUNS; stored = storedRuns(db)) {
      assertTrue(System.nanoTime() < deadline, "the collector stored nothing in 2 minutes");
      assertTrue(collector.isAlive(), collector::toString);
      Thread.sleep(200);
    }
  }
}
