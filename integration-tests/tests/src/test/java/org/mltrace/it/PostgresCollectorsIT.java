package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collectors and PostgreSQL in real JVMs, each test in a fresh schema: two collectors (two hosts)
 * draining two queue directories into one database at once, and a collector whose database
 * connection is cut twice while it follows.
 */
class PostgresCollectorsIT {
  static final int RUNS = 1_500;

  @TempDir Path dir;
  String schema;

  @AfterEach
  void dropSchema() throws Exception {
    PostgresSchemas.drop(schema);
  }

  /**
   * One application produces files (its agent's queue drained by collector A), another consumes
   * each file as it appears (queue drained by collector B), all four processes at once: both
   * collectors create the same component and pointer rows concurrently, and each consumer run must
   * be linked to the producer run stored by the other collector.
   */
  @Test
  void twoCollectorsIntoOneDatabaseLinkRunsAcrossTheirQueues() throws Exception {
    schema = PostgresSchemas.create();
    CollectorCli db = CollectorCli.postgres(dir, PostgresSchemas.url(schema));
    db.collectOnce(Files.createDirectories(dir.resolve("empty"))); // migrate once, up front
    Workload workload = Workload.build(dir.resolve("app"));
    Path queueA = dir.resolve("host-a/queue");
    Path queueB = dir.resolve("host-b/queue");
    Path shared = dir.resolve("shared");
    try (Background collectorA = db.follow(queueA);
        Background collectorB = db.follow(queueB);
        Background consumer =
            workload.start(dir, queueB, "consume", shared, RUNS, dir.resolve("never"));
        Background producer =
            workload.start(dir, queueA, "produce", shared, RUNS, dir.resolve("never"))) {
      assertEquals(0, producer.awaitExit(120), producer::toString);
      assertEquals(0, consumer.awaitExit(120), consumer::toString);
      assertEquals(RUNS, Workload.runsOf(consumer));
      Poll.until(
          2 * RUNS + " runs stored by the two collectors",
          90,
          () -> db.count("SELECT COUNT(*) FROM component_runs") >= 2 * RUNS);
      assertEquals(0, collectorA.stop(), collectorA::toString);
      assertEquals(0, collectorB.stop(), collectorB::toString);
      assertTrue(collectorA.stdout().contains("(" + RUNS + " runs)"), collectorA::toString);
      assertTrue(collectorB.stdout().contains("(" + RUNS + " runs)"), collectorB::toString);
    }

    RunChecks.assertExactlyOnce(db, List.of(RUNS), "producer");
    assertEquals(2 * RUNS, db.count("SELECT COUNT(DISTINCT id) FROM component_runs"));
    assertEquals(0, db.count("SELECT COUNT(*) FROM dead_letters"));
    assertEquals(2, db.count("SELECT COUNT(*) FROM components"));
    assertEquals(RUNS, db.count("SELECT COUNT(*) FROM io_pointers"));
    // every consumer run depends on the producer run that wrote its file, through that file
    assertEquals(
        RUNS,
        db.count(
            "SELECT COUNT(*) FROM run_dependencies d"
                + " JOIN component_runs c ON c.id = d.run_id AND c.component = 'consume'"
                + " JOIN run_inputs i ON i.run_id = c.id AND i.pointer_id = d.pointer_id"
                + " JOIN run_outputs o ON o.run_id = d.depends_on_run_id AND o.pointer_id = d.pointer_id"
                + " JOIN component_runs p ON p.id = d.depends_on_run_id AND p.component = 'produce'"));
    assertEquals(RUNS, db.count("SELECT COUNT(*) FROM run_dependencies"));
    JsonNode trace = db.json("trace", shared.resolve("part-7.csv").toString());
    assertEquals("produce", Lineage.shape(trace.path("producedBy")));
    JsonNode consumer =
        db.rows(
                "SELECT id AS \"id\" FROM component_runs c JOIN run_inputs i ON i.run_id = c.id"
                    + " WHERE i.pointer_id = '"
                    + shared.resolve("part-7.csv").toAbsolutePath()
                    + "'")
            .get(0);
    assertEquals("consume(produce)", Lineage.shape(db.json("trace", consumer.path("id").asText())));
  }

  /**
   * The collector reaches PostgreSQL through a proxy that the test cuts twice while the application
   * keeps appending: one warning per outage, then every run stored once.
   */
  @Test
  void aCollectorRidesOutDatabaseOutagesLosingNothing() throws Exception {
    schema = PostgresSchemas.create();
    CollectorCli direct = CollectorCli.postgres(dir, PostgresSchemas.url(schema));
    Workload workload = Workload.build(dir.resolve("app"));
    Path queue = dir.resolve("queue");
    Path stop = dir.resolve("stop");
    try (TcpProxy proxy = new TcpProxy(PostgresSchemas.HOST, PostgresSchemas.PORT)) {
      CollectorCli viaProxy =
          CollectorCli.postgres(dir, PostgresSchemas.url(schema, "127.0.0.1", proxy.port()));
      try (Background app =
              workload.start(dir, queue, "produce", dir.resolve("data"), 1_000_000, stop, 1);
          Background collector = viaProxy.follow(queue)) {
        long stored = 0;
        for (int outage = 1; outage <= 2; outage++) {
          long before = stored;
          Poll.until(
              "runs stored before outage " + outage,
              60,
              () -> direct.count("SELECT COUNT(*) FROM component_runs") > before);
          proxy.cut();
          int expectedWarnings = outage;
          Poll.until(
              "the warning of outage " + outage,
              60,
              () -> outageWarnings(collector) >= expectedWarnings);
          Thread.sleep(1500); // let it retry a few times during the outage
          stored = direct.count("SELECT COUNT(*) FROM component_runs");
          proxy.restore();
          long during = stored;
          Poll.until(
              "runs stored after outage " + outage,
              60,
              () -> direct.count("SELECT COUNT(*) FROM component_runs") > during);
          stored = direct.count("SELECT COUNT(*) FROM component_runs");
        }
        Files.writeString(stop, "stop");
        assertEquals(0, app.awaitExit(60), app::toString);
        int runs = Workload.runsOf(app);
        Poll.until(
            runs + " runs stored",
            90,
            () -> direct.count("SELECT COUNT(*) FROM component_runs") >= runs);
        assertEquals(0, collector.stop(), collector::toString);
        assertEquals(2, outageWarnings(collector), collector::toString);
        RunChecks.assertExactlyOnce(direct, List.of(runs), "outages");
      }
    }
  }

  private static long outageWarnings(Background collector) throws Exception {
    return collector.stderr().lines().filter(l -> l.contains("cannot reach the database")).count();
  }
}
