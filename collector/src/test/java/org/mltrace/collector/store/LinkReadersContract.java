package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.testing.TriggerRows;

/**
 * The lineage readers on the link tables by key (V048) answer as they did on the text ids: ties
 * between a pointer's writers go to the greatest run id, and orders follow ids and identifiers,
 * never the keys, which here run against them (each row gets its key from the column default, in
 * the order it is inserted).
 */
abstract class LinkReadersContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TriggerRows rows;
  private Database session;

  abstract String url() throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeEach
  void build() throws Exception {
    String url = url();
    rows = TriggerRows.open(url);
    rows.component("write", null).component("read", null);
    // /z.csv gets its pointer key before /a.bin; w-2 its run key before w-10, which ends with it
    rows.run("w-1", "write", T0, T0.plusSeconds(5)).output("w-1", 0, "POINTER", "/z.csv");
    rows.run("w-2", "write", T0, T0.plusSeconds(10)).output("w-2", 0, "POINTER", "/a.bin");
    rows.run("w-10", "write", T0, T0.plusSeconds(10)).output("w-10", 0, "POINTER", "/a.bin");
    rows.run("r-2", "read", T0.plusSeconds(20), T0.plusSeconds(30))
        .input("r-2", 0, "model", "/a.bin")
        .dependency("r-2", "w-2", "/a.bin");
    rows.run("r-1", "read", T0.plusSeconds(20), T0.plusSeconds(30))
        .input("r-1", 0, "data", "/z.csv")
        .input("r-1", 1, "model", "/a.bin")
        .input("r-1", 2, "again", "/a.bin")
        .dependency("r-1", "w-1", "/z.csv")
        .dependency("r-1", "w-2", "/a.bin");
    session = TriggerRows.session(url);
  }

  @AfterEach
  void close() throws Exception {
    session.close();
    rows.close();
    dropDatabase();
  }

  @Test
  void theLatestWriterOfAPointerIsTheGreatestRunIdAmongThoseThatEndedLast() {
    assertEquals(Optional.of("w-2"), new JdbcRunRepository(session).latestProducerOf("/a.bin"));
    assertEquals(Optional.of("w-1"), new JdbcRunRepository(session).latestProducerOf("/z.csv"));
    assertEquals(Optional.empty(), new JdbcRunRepository(session).latestProducerOf("/none"));
    assertEquals(
        Map.of("/a.bin", "w-2", "/z.csv", "w-1"),
        new JdbcGraphStore(session).latestProducers(List.of("/a.bin", "/z.csv", "/none")));
  }

  @Test
  void readersAreCountedOnceEach() {
    JdbcGraphStore graph = new JdbcGraphStore(session);
    assertEquals(List.of("r-1", "r-2"), List.copyOf(new TreeSet<>(graph.readersOf("/a.bin"))));
    assertEquals(2, new JdbcRunRepository(session).readerCount("/a.bin"));
    assertEquals(0, new JdbcRunRepository(session).readerCount("/none"));
  }

  @Test
  void linksComeByRunIdThenPointerIdentifier() {
    JdbcRunRepository runs = new JdbcRunRepository(session);
    assertEquals(
        List.of(new Dependency("r-1", "w-2", "/a.bin"), new Dependency("r-2", "w-2", "/a.bin")),
        runs.downstreamOf("w-2"));
    assertEquals(
        List.of(new Dependency("r-1", "w-1", "/z.csv"), new Dependency("r-1", "w-2", "/a.bin")),
        runs.upstreamOf("r-1"),
        "in the order of the run's inputs");
    assertEquals(
        List.of("w-2", "w-1"),
        List.copyOf(new JdbcGraphStore(session).producersOf(List.of("r-1"), false).keySet()),
        "by pointer identifier: /a.bin before /z.csv");
    assertEquals(
        T0, new JdbcGraphStore(session).producersOf(List.of("r-2", "r-1"), true).get("w-1"));
    assertEquals(3, new JdbcGraphStore(session).dependencyCount());
  }
}
