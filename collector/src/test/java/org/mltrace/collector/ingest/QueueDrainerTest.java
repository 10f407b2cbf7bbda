package org.mltrace.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.EventTimes;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.IngestTransaction;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.store.PreparedRuns;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/** Real Chronicle queues in temp dirs, drained into real H2 databases. */
class QueueDrainerTest {
  @TempDir Path tmp;
  private Path queue;
  private String url;
  private Database database;

  @BeforeEach
  void open() {
    queue = tmp.resolve("queue");
    url = TestDatabases.h2Url(tmp);
    database = Database.open(url, Database.Access.CREATE);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private QueueDrainer drainer(int batchSize) {
    return new QueueDrainer(
        new JdbcIngestStore(database), queue, batchSize, Clock.systemUTC(), alerts -> {});
  }

  private long count(String sql) throws SQLException {
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String string(String sql) throws SQLException {
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private List<Long> longs(String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement st = database.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static List<Event> pipeline(int runs) {
    List<Event> events = new ArrayList<>();
    events.add(
        new ComponentEvent(
            "prep",
            "cleans data",
            "data-team",
            List.of("etl", "daily"),
            List.of("com.example.Prep#run()")));
    for (int i = 0; i < runs; i++) {
      events.add(
          run("prep-" + i, "prep")
              .at(i * 10, i * 10 + 1)
              .reads("raw", "/data/raw.csv")
              .writes("out", "/data/clean-" + i + ".csv")
              .input(RunBuilder.longValue("seed", i))
              .build());
    }
    events.add(
        new AgentStatsEvent("agent-1", "host-1", 4242, RunBuilder.T0_MICROS, runs, 0, 0, null));
    return events;
  }

  @Test
  void storesEveryEventWithItsColumns() throws SQLException {
    TestQueues.write(queue, pipeline(3));
    DrainResult result = drainer(100).drainAvailable();

    assertEquals(new DrainResult(5, 3, 0, 0), result);
    assertEquals(3, count("SELECT COUNT(*) FROM component_runs"));
    assertEquals(6, count("SELECT COUNT(*) FROM run_inputs"));
    assertEquals(3, count("SELECT COUNT(*) FROM run_outputs"));
    assertEquals(4, count("SELECT COUNT(*) FROM io_pointers"));
    assertEquals("data-team", string("SELECT owner FROM components WHERE name = 'prep'"));
    assertEquals("etl,daily", string("SELECT tags FROM components WHERE name = 'prep'"));
    assertEquals("ok", string("SELECT status FROM component_runs WHERE id = 'prep-1'"));
    assertEquals("2026-01-01T00:00:10Z", instant("prep-1"));
    assertEquals(
        "LONG",
        string("SELECT value_kind FROM run_inputs WHERE run_id = 'prep-2' AND name = 'seed'"));
    assertEquals(
        "2", string("SELECT value_text FROM run_inputs WHERE run_id = 'prep-2' AND name = 'seed'"));
    assertEquals(
        "data",
        string("SELECT pointer_type FROM io_pointers WHERE identifier = '/data/clean-2.csv'"));
    assertEquals(3, count("SELECT events_written FROM agent_stats WHERE agent_id = 'agent-1'"));
    assertEquals(0, count("SELECT COUNT(*) FROM dead_letters"));
  }

  private String instant(String runId) throws SQLException {
    try (Statement st = database.connection().createStatement();
        ResultSet rs =
            st.executeQuery("SELECT start_time FROM component_runs WHERE id = '" + runId + "'")) {
      rs.next();
      return rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toString();
    }
  }

  @Test
  void secondDrainStoresNothingNew() throws SQLException {
    TestQueues.write(queue, pipeline(7));
    assertEquals(new DrainResult(9, 7, 0, 0), drainer(3).drainAvailable());
    assertEquals(DrainResult.NONE, drainer(3).drainAvailable());
    assertEquals(7, count("SELECT COUNT(*) FROM component_runs"));
  }

  /**
   * The real store, whose {@code failing}-th transaction fails as a lost connection does: before
   * its work when {@code afterCommit} is false (nothing stored), after its commit when true
   * (stored, the acknowledgement lost).
   */
  private IngestStore failingOnce(int failing, boolean afterCommit) {
    JdbcIngestStore real = new JdbcIngestStore(database);
    AtomicInteger transactions = new AtomicInteger();
    return new IngestStore() {
      @Override
      public OptionalLong lastIndex(String queueId) {
        return real.lastIndex(queueId);
      }

      @Override
      public <T> T inTransaction(Function<IngestTransaction, T> work) {
        boolean fail = transactions.incrementAndGet() == failing;
        if (fail && !afterCommit) {
          throw lostConnection();
        }
        T result = real.inTransaction(work);
        if (fail) {
          throw lostConnection();
        }
        return result;
      }

      @Override
      public PreparedRuns prepare(List<RunEvent> runs) {
        return real.prepare(runs);
      }

      private StoreException lostConnection() {
        return new StoreException(
            "database error while committing",
            new SQLNonTransientConnectionException("connection lost", "08006"));
      }
    };
  }

  @Test
  void aBatchThatFailsIsStoredAgainThoughTheNextWasReadAhead() throws SQLException {
    TestQueues.write(queue, pipeline(7)); // 9 entries: 3 batches of 3
    try (QueueDrainer drainer =
        new QueueDrainer(failingOnce(2, false), queue, 3, Clock.systemUTC(), alerts -> {})) {
      drainer.drainBatch(); // the component and 2 runs; the next 3 entries read ahead
      assertThrows(StoreException.class, drainer::drainBatch); // runs 2-4; 5-6 and stats ahead
      assertEquals(new DrainResult(6, 5, 0, 0), drainer.drainAvailable());
    }
    assertEquals(7, count("SELECT COUNT(DISTINCT id) FROM component_runs"));
    assertEquals(7, count("SELECT COUNT(*) FROM run_writes"));
    assertEquals(DrainResult.NONE, drainer(3).drainAvailable());
  }

  @Test
  void aBatchCommittedWithoutAcknowledgementIsNotStoredTwiceThoughTheNextWasReadAhead()
      throws SQLException {
    TestQueues.write(queue, pipeline(7));
    try (QueueDrainer drainer =
        new QueueDrainer(failingOnce(2, true), queue, 3, Clock.systemUTC(), alerts -> {})) {
      drainer.drainBatch();
      assertThrows(StoreException.class, drainer::drainBatch); // stored, not acknowledged
      assertEquals(new DrainResult(3, 2, 0, 0), drainer.drainAvailable());
    }
    assertEquals(7, count("SELECT COUNT(*) FROM component_runs"));
    assertEquals(7, count("SELECT COUNT(*) FROM run_writes"));
    assertEquals(DrainResult.NONE, drainer(3).drainAvailable());
  }

  @Test
  void drainersOfManyQueuesReadAtMostTwoBatchesAheadAndStoreEveryEntry() throws SQLException {
    int before = QueueDrainer.batchesReadAhead();
    List<QueueDrainer> drainers = new ArrayList<>();
    JdbcIngestStore store = new JdbcIngestStore(database);
    try {
      for (int q = 0; q < 3; q++) {
        Path dir = tmp.resolve("queue-" + q);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          events.add(run("q" + q + "-" + i, "prep").at(i, i + 1).build());
        }
        TestQueues.write(dir, events);
        drainers.add(new QueueDrainer(store, dir, 2, Clock.systemUTC(), alerts -> {}));
      }
      for (QueueDrainer d : drainers) {
        d.drainBatch(); // as a follower does: one batch of each queue in turn
      }
      assertEquals(2, QueueDrainer.batchesReadAhead()); // the third queue reads when it needs to
      for (QueueDrainer d : drainers) {
        while (d.drainBatch() != null) {}
      }
      assertEquals(12, count("SELECT COUNT(DISTINCT id) FROM component_runs"));
      assertEquals(12, count("SELECT COUNT(*) FROM component_runs"));
    } finally {
      drainers.forEach(QueueDrainer::close);
    }
    assertEquals(before, QueueDrainer.batchesReadAhead());
  }

  @Test
  void resumesAfterTheStoredPositionWhenMoreArrives() throws SQLException {
    TestQueues.write(queue, pipeline(2));
    drainer(10).drainAvailable();
    TestQueues.write(
        queue,
        List.of(run("later", "train").at(100, 101).reads("in", "/data/clean-1.csv").build()));

    assertEquals(new DrainResult(1, 1, 0, 0), drainer(10).drainAvailable());
    assertEquals(3, count("SELECT COUNT(*) FROM component_runs"));
    assertEquals(
        "prep-1", string("SELECT depends_on_run_id FROM run_dependencies WHERE run_id = 'later'"));
    assertEquals(1, count("SELECT COUNT(*) FROM ingest_positions"));
    assertEquals(
        queue.toAbsolutePath().normalize().toString(),
        string("SELECT queue_id FROM ingest_positions"));
  }

  @Test
  void garbageEntriesAreDeadLetteredAndTheDrainGoesOn() throws SQLException {
    byte[] good = EventCodec.encode(run("r1", "prep").build());
    byte[] unknownVersion = {9, 1, 0};
    byte[] unknownKind = {1, 42};
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    byte[] text = "not an event".getBytes(StandardCharsets.UTF_8);
    TestQueues.writeRaw(
        queue,
        List.of(
            unknownVersion,
            good,
            unknownKind,
            truncated,
            text,
            EventCodec.encode(run("r2", "prep").build())));

    DrainResult result = drainer(2).drainAvailable();

    assertEquals(new DrainResult(2, 2, 0, 4), result);
    assertEquals(2, count("SELECT COUNT(*) FROM component_runs"));
    assertEquals(4, count("SELECT COUNT(*) FROM dead_letters"));
    assertTrue(
        string("SELECT reason FROM dead_letters WHERE payload = X'090100'").contains("version 9"));
    List<Long> indexes = TestQueues.indexes(queue);
    assertEquals(
        List.of(indexes.get(0), indexes.get(2), indexes.get(3), indexes.get(4)),
        longs("SELECT queue_index FROM dead_letters ORDER BY queue_index"),
        "each dead letter keeps its entry's queue index");
    assertEquals(
        List.of("malformed event"),
        strings("SELECT DISTINCT SUBSTRING(reason, 1, 15) FROM dead_letters"));
    assertTrue(
        string("SELECT reason FROM dead_letters WHERE queue_index = " + indexes.get(2))
            .contains("kind 42"));
    assertEquals(
        queue.toAbsolutePath().normalize().toString(),
        string("SELECT DISTINCT queue_id FROM dead_letters"));
    assertEquals(indexes.get(5), count("SELECT last_index FROM ingest_positions"));
    assertEquals(
        List.of("r1", "r2"), strings("SELECT id FROM component_runs ORDER BY id"), "drain went on");
    assertEquals(DrainResult.NONE, drainer(2).drainAvailable());
    assertEquals(4, count("SELECT COUNT(*) FROM dead_letters"));
  }

  @Test
  void anEntryTheDatabaseRefusesIsDeadLetteredWithoutLosingItsBatch() throws SQLException {
    RunEvent noComponent =
        new RunEvent(
            "bad", null, "m", "a", "h", 1, "t", 0, 1, 1, null, null, false, null, null, List.of(),
            List.of());
    TestQueues.write(
        queue, List.of(run("r1", "prep").build(), noComponent, run("r2", "prep").build()));

    DrainResult result = drainer(10).drainAvailable();

    assertEquals(new DrainResult(2, 2, 0, 1), result);
    assertTrue(string("SELECT reason FROM dead_letters").startsWith("could not store"));
    assertEquals(DrainResult.NONE, drainer(10).drainAvailable());
  }

  @Test
  void inputRowsLeftWithoutTheirRunByAKilledH2AreReplacedNotDeadLettered() throws SQLException {
    // What an H2 database killed mid-transaction was seen to hold: input rows of a run whose run
    // row (and queue position) the kill lost; the run, stored again, writes the same row under
    // the new key it is given (V048), and the left-over row names a key no run has.
    RunEvent r1 =
        run("r1", "prep")
            .at(0, 2)
            .reads("in", "/data/in.csv")
            .writes("out", "/data/out.csv")
            .build();
    try (Statement st = database.connection().createStatement()) {
      for (String pointer : List.of("/data/in.csv", "/data/out.csv")) {
        st.execute(
            "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES ('"
                + pointer
                + "', 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z')");
      }
      st.execute(
          "INSERT INTO run_read_keys (run_key, position, pointer_key, fingerprint)"
              + " SELECT 999999999, 0, pointer_key, 'left over' FROM io_pointers"
              + " WHERE identifier = '/data/in.csv'");
    }
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                "INSERT INTO run_write_keys (run_key, position, pointer_key, end_time)"
                    + " SELECT 999999999, 0, pointer_key, ? FROM io_pointers"
                    + " WHERE identifier = '/data/out.csv'")) {
      ps.setObject(1, EventTimes.ofEpochMicros(r1.endEpochMicros()).atOffset(ZoneOffset.UTC));
      ps.execute();
    }
    TestQueues.write(queue, List.of(r1));

    assertEquals(new DrainResult(1, 1, 0, 0), drainer(10).drainAvailable());
    assertEquals(0, count("SELECT COUNT(*) FROM dead_letters"));
    assertEquals(List.of("in"), strings("SELECT name FROM run_inputs WHERE run_id = 'r1'"));
    assertEquals(
        List.of("/data/in.csv"),
        strings("SELECT pointer_id FROM run_reads WHERE run_id = 'r1' AND fingerprint IS NULL"));
    assertEquals(
        1,
        count("SELECT COUNT(*) FROM run_read_keys"),
        "the left-over input row, which no view shows, is removed before storing");
    assertEquals(
        1,
        count("SELECT COUNT(*) FROM run_write_keys"),
        "the left-over output row, at the run's end, is removed before storing");
  }

  @Test
  void samplingCountsAndAgentHealthAreStored() throws SQLException {
    TestQueues.write(
        queue,
        List.of(
            run("r1", "score").unrecordedBefore(99).build(),
            stats(
                2,
                List.of(new NamedCount("encoder_failed", 1)),
                List.of(new NamedCount("score", 5))),
            // an older report arriving late: its totals do not replace the newer ones
            stats(
                1,
                List.of(new NamedCount("encoder_failed", 0)),
                List.of(new NamedCount("score", 3))),
            stats(
                3,
                List.of(new NamedCount("encoder_failed", 2), new NamedCount("append_failed", 1)),
                List.of(new NamedCount("score", 1)))));

    drainer(10).drainAvailable();

    assertEquals(99, count("SELECT unrecorded_before FROM component_runs WHERE id = 'r1'"));
    assertEquals(
        List.of("append_failed=1", "encoder_failed=2"),
        strings("SELECT kind || '=' || count FROM agent_health ORDER BY kind"));
    assertEquals(
        5 + 3 + 1,
        count("SELECT count FROM agent_unrecorded WHERE component = 'score'"),
        "increments add up whatever their order");
  }

  private static AgentStatsEvent stats(
      long micros, List<NamedCount> health, List<NamedCount> unrecorded) {
    return new AgentStatsEvent(
        "agent-1",
        "host-1",
        4242,
        RunBuilder.T0_MICROS + micros,
        1,
        0,
        0,
        null,
        health,
        unrecorded);
  }

  @Test
  void sameRunIdTwiceIsStoredOnce() throws SQLException {
    TestQueues.write(queue, List.of(run("r1", "prep").build(), run("r1", "prep").build()));
    assertEquals(new DrainResult(1, 1, 1, 0), drainer(10).drainAvailable());
    assertEquals(1, count("SELECT COUNT(*) FROM component_runs"));
  }

  @Test
  void missingQueueDirectoryIsAnError() {
    QueueException e = assertThrows(QueueException.class, () -> drainer(10).drainAvailable());
    assertTrue(e.getMessage().contains("no queue directory at " + queue), e.getMessage());
  }

  @Test
  void dependenciesAreLinkedWhateverTheArrivalOrder() throws SQLException {
    RunEvent producer = run("p", "prep").at(0, 1).writes("out", "/data/f.csv").build();
    RunEvent consumer = run("c", "train").at(2, 3).reads("in", "/data/f.csv").build();
    TestQueues.write(queue, List.of(consumer));
    drainer(10).drainAvailable();
    assertEquals(0, count("SELECT COUNT(*) FROM run_dependencies"));
    TestQueues.write(queue, List.of(producer));
    drainer(10).drainAvailable();
    assertEquals("p", string("SELECT depends_on_run_id FROM run_dependencies WHERE run_id = 'c'"));
  }
}
