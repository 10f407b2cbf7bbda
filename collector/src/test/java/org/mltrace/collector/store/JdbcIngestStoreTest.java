package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.BatchLineage;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

class JdbcIngestStoreTest {
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  @TempDir Path tmp;
  private Database database;
  private JdbcIngestStore store;
  private JdbcRunRepository runs;

  /** The database each test starts from: a fresh H2 file here, PostgreSQL in a subclass. */
  String url() throws SQLException {
    return TestDatabases.h2Url(tmp);
  }

  @BeforeEach
  void open() throws SQLException {
    database = Database.open(url(), Database.Access.CREATE);
    store = new JdbcIngestStore(database);
    runs = new JdbcRunRepository(database);
  }

  @AfterEach
  void close() throws SQLException {
    database.close();
  }

  private Object cell(String sql) {
    return new ReadOnlySql(database).query(sql).rows().get(0).get(0);
  }

  @Test
  void undeclaredComponentGetsABareRowThatADeclarationFillsIn() {
    store.inTransaction(tx -> tx.insertRun(run("r1", "train").at(5, 6).build(), NOW));
    ComponentRow bare = runs.findComponent("train").orElseThrow();
    assertEquals(null, bare.owner());
    assertEquals(Instant.parse("2026-01-01T00:00:05Z"), bare.firstSeen());
    assertEquals(Instant.parse("2026-01-01T00:00:06Z"), bare.lastSeen());

    store.inTransaction(
        tx -> {
          tx.upsertComponent(
              new ComponentEvent("train", "fits", "ml", List.of("a", "b"), List.of("T#fit()")),
              NOW);
          return tx.insertRun(run("r2", "train").at(1, 9).build(), NOW);
        });
    ComponentRow declared = runs.findComponent("train").orElseThrow();
    assertEquals(
        new ComponentRow(
            "train",
            "fits",
            "ml",
            "a,b",
            "T#fit()",
            Instant.parse("2026-01-01T00:00:01Z"),
            Instant.parse("2026-01-01T00:00:09Z")),
        declared);
  }

  @Test
  void theHookBeforeOutputRowsSeesTheProducersStoredBeforeTheBatchOnly() {
    store.inTransaction(
        tx -> tx.insertRun(run("p1", "prep").at(0, 1).writes("o", "/f").build(), NOW));
    RunEvent later = run("p2", "prep").at(2, 3).writes("o", "/f").build();
    Instant any = Instant.parse("2027-01-01T00:00:00Z");
    List<String> latest = new ArrayList<>();
    store.inTransaction(
        tx -> {
          tx.insertRuns(
              List.of(later),
              NOW,
              () -> latest.add(tx.latestProducer("/f", null, any, "-").orElseThrow().runId()));
          latest.add(tx.latestProducer("/f", null, any, "-").orElseThrow().runId());
          return null;
        });
    assertEquals(List.of("p1", "p2"), latest, "in the hook, then once the batch is stored");
    assertTrue(runs.findRun("p2").isPresent());
  }

  @Test
  void duplicateRunIdIsNotStoredTwice() {
    boolean first = store.inTransaction(tx -> tx.insertRun(run("r1", "train").build(), NOW));
    boolean second =
        store.inTransaction(tx -> tx.insertRun(run("r1", "train").at(50, 60).build(), NOW));
    assertTrue(first);
    assertFalse(second);
    assertEquals(
        Instant.parse("2026-01-01T00:00:00Z"), runs.findRun("r1").orElseThrow().startTime());
  }

  @Test
  void agentStatsKeepTheLatestReport() {
    long t = RunBuilder.T0_MICROS;
    store.inTransaction(
        tx -> {
          tx.upsertAgentStats(
              new AgentStatsEvent("a1", "h", 1, t + 2_000_000, 20, 1, 0, null), NOW);
          tx.upsertAgentStats(
              new AgentStatsEvent("a1", "h", 1, t + 1_000_000, 10, 0, 0, null), NOW);
          return null;
        });
    assertEquals(20L, cell("SELECT events_written FROM agent_stats WHERE agent_id = 'a1'"));
    store.inTransaction(
        tx -> {
          tx.upsertAgentStats(
              new AgentStatsEvent("a1", "h", 1, t + 3_000_000, 30, 2, 1, "X#y()"), NOW);
          return null;
        });
    assertEquals(30L, cell("SELECT events_written FROM agent_stats WHERE agent_id = 'a1'"));
    assertEquals("X#y()", cell("SELECT unmatched_methods FROM agent_stats"));
  }

  @Test
  void failedTransactionLeavesNothingBehind() {
    assertThrows(
        IllegalStateException.class,
        () ->
            store.inTransaction(
                tx -> {
                  tx.insertRun(run("r1", "train").build(), NOW);
                  tx.savePosition("/q", 5, NOW);
                  throw new IllegalStateException("boom");
                }));
    assertTrue(runs.findRun("r1").isEmpty());
    assertEquals(OptionalLong.empty(), store.lastIndex("/q"));
  }

  @Test
  void positionIsUpdatedInPlace() {
    store.inTransaction(
        tx -> {
          tx.savePosition("/q", 5, NOW);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.savePosition("/q", 9, NOW);
          return null;
        });
    assertEquals(OptionalLong.of(9), store.lastIndex("/q"));
    assertEquals(1L, cell("SELECT COUNT(*) FROM ingest_positions"));
  }

  @Test
  void nulCharactersInTextAreReplacedNotRefused() {
    store.inTransaction(
        tx -> tx.insertRun(run("r1", "train").input(RunBuilder.string("s", "a\0b")).build(), NOW));
    assertEquals("a\uFFFDb", runs.values(List.of("r1")).inputs().get("r1").get(0).valueText());
  }

  @Test
  void lineageSnapshotKeepsTheLatestProducersAndTheConsumersSinceWithTheirLinks() {
    store.inTransaction(
        tx -> {
          for (int i = 0; i < 5; i++) {
            tx.insertRun(run("p" + i, "prep").at(i, i + 0.5).writes("o", "/f").build(), NOW);
          }
          tx.insertRun(run("early", "train").at(1, 2).reads("i", "/g").build(), NOW);
          tx.insertRun(
              run("late", "train").at(7, 8).readsVersion("i", "/g", "xxh64:9").build(), NOW);
          tx.insertRun(run("w", "prep").at(0, 0.5).writes("o", "/g").build(), NOW);
          tx.writeLinks(
              new BatchLineage.Links(List.of(new Dependency("late", "w", "/g")), List.of()));
          return null;
        });
    Instant fiveSeconds = Instant.ofEpochSecond(RunBuilder.T0_MICROS / 1_000_000 + 5);
    var snapshot =
        store.inTransaction(tx -> tx.lineageSnapshot(List.of("/f"), List.of("/g"), fiveSeconds, 3));
    assertEquals(
        List.of("p4", "p3", "p2"),
        snapshot.producers().stream().map(p -> p.runId()).toList(),
        "the 3 latest producers of /f, latest first");
    assertEquals(1, snapshot.consumers().size(), snapshot.consumers().toString());
    var late = snapshot.consumers().get(0);
    assertEquals("late", late.runId());
    assertEquals("xxh64:9", late.fingerprint());
    assertEquals("w", late.linkedProducerId());
    assertEquals(runs.findRun("w").orElseThrow().endTime(), late.linkedProducerEnd());
  }

  @Test
  void lineageSnapshotReadsTheLatestProducersOfMorePointersThanOneStatementAsks() {
    int pointers = 70; // more than one statement's 64 look-ups: a second, padded one
    store.inTransaction(
        tx -> {
          for (int p = 0; p < pointers; p++) {
            for (int w = 0; w < 3; w++) {
              RunBuilder writer = run("w" + p + "-" + w, "prep").at(w, w + 0.5 + p / 1000.0);
              tx.insertRun(writer.writes("o", "/f" + p).build(), NOW);
            }
          }
          return null;
        });
    List<String> read = new java.util.ArrayList<>();
    for (int p = pointers - 1; p >= 0; p--) {
      read.add("/f" + p);
    }
    var snapshot = store.inTransaction(tx -> tx.lineageSnapshot(read, List.of(), NOW, 2));
    List<String> expected = new java.util.ArrayList<>();
    read.stream()
        .sorted()
        .forEach(
            pointer -> {
              String p = pointer.substring(2);
              expected.add(pointer + " w" + p + "-2");
              expected.add(pointer + " w" + p + "-1");
            });
    assertEquals(
        expected,
        snapshot.producers().stream().map(r -> r.pointer() + " " + r.runId()).toList(),
        "the 2 latest producers of each of the 70 pointers, by pointer, latest first");
  }

  @Test
  void linkReplacesTheEarlierLinkOfTheSameRunAndPointer() {
    store.inTransaction(
        tx -> {
          tx.insertRun(run("p1", "prep").at(0, 1).writes("o", "/f").build(), NOW);
          tx.insertRun(run("p2", "prep").at(0, 2).writes("o", "/f").build(), NOW);
          tx.insertRun(run("c", "train").at(3, 4).reads("i", "/f").build(), NOW);
          Dependency first = new Dependency("c", "p1", "/f");
          Dependency later = new Dependency("c", "p2", "/f");
          tx.writeLinks(new BatchLineage.Links(List.of(first), List.of()));
          tx.writeLinks(new BatchLineage.Links(List.of(later), List.of(later)));
          return null;
        });
    assertEquals(List.of(new Dependency("c", "p2", "/f")), runs.upstreamOf("c"));
    assertEquals(List.of(new Dependency("c", "p2", "/f")), runs.downstreamOf("p2"));
  }

  @Test
  void valuesKeepOrderKindsAndPointerTypes() {
    store.inTransaction(
        tx ->
            tx.insertRun(
                run("r", "train")
                    .reads("features", "/d/f.csv")
                    .input(RunBuilder.longValue("epochs", 3))
                    .writes("return", "/m/model.bin", "model")
                    .build(),
                NOW));
    List<ValueRow> inputs = runs.values(List.of("r")).inputs().get("r");
    assertEquals(
        new ValueRow(
            0,
            "features",
            "POINTER",
            "/d/f.csv",
            "/d/f.csv",
            "data",
            "java.io.File",
            1234L,
            "data",
            null,
            null,
            null),
        inputs.get(0));
    assertEquals(
        new ValueRow(
            1, "epochs", "LONG", "3", null, null, "java.lang.Long", null, null, null, null, null),
        inputs.get(1));
    assertEquals("model", runs.values(List.of("r")).outputs().get("r").get(0).pointerType());
  }
}
