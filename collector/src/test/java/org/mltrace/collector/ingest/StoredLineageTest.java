package org.mltrace.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.LineageWorkloads;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * The links a real drain stores, batch by batch, are those of storing the runs one at a time: with
 * batches big enough that their links are resolved on another thread while the rows are written,
 * and pointers with more producers than the snapshot keeps, so that some batches are resolved with
 * the database's help, in the middle of writing their rows.
 */
class StoredLineageTest {
  private static final int BATCH = 150;

  @TempDir Path tmp;
  private Database database;

  /** The database each test starts from: a fresh H2 file here, PostgreSQL in a subclass. */
  String url() {
    return TestDatabases.h2Url(tmp);
  }

  @BeforeEach
  void open() {
    database = Database.open(url(), Database.Access.CREATE);
  }

  @AfterEach
  void close() throws SQLException {
    database.close();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12})
  void storedLinksAreThoseOfOneRunAtATime(long seed) throws SQLException {
    Random random = new Random(seed);
    List<RunEvent> runs = LineageWorkloads.randomRuns(random, 1200);
    Map<String, String> oneByOne = LineageWorkloads.linksOneAtATime(runs);

    assertTrue(
        BATCH >= BatchWriter.OVERLAP_MIN_RUNS, "the batches are resolved on the lineage thread");
    Path queue = tmp.resolve("queue");
    TestQueues.write(queue, runs);
    try (QueueDrainer drainer =
        new QueueDrainer(
            new JdbcIngestStore(database), queue, BATCH, Clock.systemUTC(), alerts -> {})) {
      assertEquals(runs.size(), drainer.drainAvailable().runs());
    }

    assertTrue(oneByOne.size() > 300, "the workload links plenty: " + oneByOne.size());
    assertEquals(oneByOne, storedLinks());
  }

  /**
   * Stored in an order their ids do not follow, the runs get keys (V048) whose order is not their
   * ids': ties between a pointer's writers must still go to the greater run id, not key.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {13, 14})
  void tiesGoToTheGreaterRunIdWhateverOrderTheRunsAreStoredIn(long seed) throws SQLException {
    Random random = new Random(seed);
    List<RunEvent> runs = new ArrayList<>(LineageWorkloads.randomRuns(random, 1200));
    Collections.shuffle(runs, random);
    Map<String, String> oneByOne = LineageWorkloads.linksOneAtATime(runs);

    Path queue = tmp.resolve("queue");
    TestQueues.write(queue, runs);
    try (QueueDrainer drainer =
        new QueueDrainer(
            new JdbcIngestStore(database), queue, BATCH, Clock.systemUTC(), alerts -> {})) {
      assertEquals(runs.size(), drainer.drainAvailable().runs());
    }

    assertEquals(oneByOne, storedLinks());
  }

  private Map<String, String> storedLinks() throws SQLException {
    Map<String, String> links = new HashMap<>();
    try (Statement st = database.connection().createStatement();
        ResultSet rs =
            st.executeQuery("SELECT run_id, pointer_id, depends_on_run_id FROM run_dependencies")) {
      while (rs.next()) {
        links.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
      }
    }
    return links;
  }
}
