package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.store.QueryRefusedException;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * The same ingest and trace as on H2, against PostgreSQL at 127.0.0.1:5432 (user postgres, database
 * test), in a fresh schema that is dropped afterwards. Skipped with a message when the server
 * cannot be reached, unless {@code MLTRACE_REQUIRE_POSTGRES=true} (CI), which fails instead.
 */
class PostgresQueryServiceTest {
  private static final PostgresSchema SCHEMA = new PostgresSchema();
  private static String URL;

  @TempDir static Path tmp;

  @BeforeAll
  static void createSchema() {
    URL = SCHEMA.create();
    DrainResult first = TestDatabases.ingest(URL, tmp, Pipelines.taxi());
    assertEquals(7, first.runs());
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    SCHEMA.drop();
  }

  @Test
  void traceIsTheSameAsOnH2() {
    try (QueryService queries = QueryService.open(URL)) {
      TraceResult.PointerTrace trace = (TraceResult.PointerTrace) queries.trace("/out/pred.csv");
      assertEquals(
          "predict-1(train-1(featurize-1(split-1(load-1))),split-1(load-1))",
          Pipelines.shape(trace.producedBy()));
      assertEquals(List.of("/m/model.bin"), trace.producedBy().upstream().get(0).via());
      assertEquals("2026-01-01T00:00:11Z", trace.producedBy().run().row().startTime().toString());
      assertEquals(
          "train-2",
          ((TraceResult.PointerTrace) queries.trace("/m/model.bin")).producedBy().run().row().id());
      assertEquals(
          List.of("train-2", "train-1"),
          queries.history("train", 2).runs().stream().map(r -> r.row().id()).toList());
      assertEquals(
          List.of("train-1"),
          queries
              .history(
                  "train",
                  20,
                  Instant.parse("2026-01-01T00:00:06Z"),
                  Instant.parse("2026-01-01T00:00:20Z"))
              .runs()
              .stream()
              .map(r -> r.row().id())
              .toList());
      assertEquals("ml-team", queries.inspect("train-1").component().owner());
    }
  }

  @Test
  void secondDrainStoresNothingAndGarbageIsDeadLettered() {
    TestQueues.writeRaw(tmp.resolve("queue"), List.of(new byte[] {7, 7, 7}));
    try (var collector = org.mltrace.collector.ingest.Collector.open(URL)) {
      assertEquals(new DrainResult(0, 0, 0, 1), collector.drain(tmp.resolve("queue")));
      assertEquals(DrainResult.NONE, collector.drain(tmp.resolve("queue")));
    }
    try (QueryService queries = QueryService.open(URL)) {
      assertEquals(
          List.of("\\x070707"), queries.sql("SELECT payload FROM dead_letters").rows().get(0));
    }
  }

  @Test
  void sqlIsReadOnly() {
    try (QueryService queries = QueryService.open(URL)) {
      assertThrows(
          QueryRefusedException.class, () -> queries.sql("UPDATE component_runs SET status = 'x'"));
      assertThrows(
          QueryRefusedException.class, () -> queries.sql("SELECT nope FROM component_runs"));
      assertEquals(
          List.of(7L),
          queries.sql("SELECT COUNT(*) FROM component_runs WHERE status <> 'x'").rows().get(0));
      // the session is usable afterwards
      assertEquals(List.of(1), queries.sql("SELECT 1").rows().get(0));
    }
  }
}
