package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** Reads of more runs than one H2 {@code = ANY(?)} chunk holds come back whole and in order. */
class ManyRunsReadTest {
  private static final int RUNS = 2 * AnyOf.H2_CHUNK + 3;
  @TempDir Path tmp;
  private Database database;
  private JdbcRunRepository runs;
  private List<String> ids;

  @BeforeEach
  void storeRuns() {
    database = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE);
    runs = new JdbcRunRepository(database);
    ids = IntStream.range(0, RUNS).mapToObj(i -> String.format("r%04d", i)).toList();
    new JdbcIngestStore(database)
        .inTransaction(
            tx -> {
              for (int i = 0; i < RUNS; i++) {
                tx.insertRun(
                    run(ids.get(i), "train")
                        .at(i, i + 0.5)
                        .reads("in", "/data/in-" + i + ".csv")
                        .reads("shared", "/data/shared.csv")
                        .writes("model", "/models/m-" + i + ".bin")
                        .build(),
                    Instant.EPOCH);
              }
              return null;
            });
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void inputsAndOutputsOfEveryRunAcrossChunks() {
    Map<String, List<ValueRow>> inputs = runs.values(ids).inputs();
    Map<String, List<ValueRow>> outputs = runs.values(ids).outputs();
    assertEquals(RUNS, inputs.size());
    assertEquals(RUNS, outputs.size());
    for (int i = 0; i < RUNS; i++) {
      String id = ids.get(i);
      assertEquals(
          List.of("/data/in-" + i + ".csv", "/data/shared.csv"),
          inputs.get(id).stream().map(ValueRow::pointerId).toList(),
          id);
      assertEquals(
          List.of("/models/m-" + i + ".bin"),
          outputs.get(id).stream().map(ValueRow::pointerId).toList(),
          id);
    }
  }

  @Test
  void runRowsByIdAndTheNewestRunsAcrossChunks() {
    assertEquals(
        ids.stream().sorted().toList(),
        new JdbcGraphStore(database).runs(ids).stream().map(RunRow::id).sorted().toList());
    List<String> newestFirst = new ArrayList<>(ids);
    Collections.reverse(newestFirst);
    assertEquals(
        newestFirst,
        runs.recentRuns("train", RUNS + 10, null, null).stream().map(RunRow::id).toList());
  }
}
