package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** {@code mltrace recent}: the newest runs of each component merged, newest start first. */
class RecentRunsTest {
  @TempDir Path tmp;
  private Database database;

  @BeforeEach
  void storeRuns() {
    database = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE);
    new JdbcIngestStore(database)
        .inTransaction(
            tx -> {
              // etl runs often and early; train twice, late; predict once, tied with train-2
              for (int i = 1; i <= 6; i++) {
                tx.insertRun(run("etl-" + i, "etl").at(i, i + 0.5).build(), Instant.EPOCH);
              }
              tx.insertRun(run("train-1", "train").at(3.5, 4).build(), Instant.EPOCH);
              tx.insertRun(run("train-2", "train").at(9, 10).build(), Instant.EPOCH);
              tx.insertRun(run("predict-1", "predict").at(9, 9.5).build(), Instant.EPOCH);
              return null;
            });
  }

  @AfterEach
  void close() {
    database.close();
  }

  private List<String> recent(int limit) {
    return new JdbcCatalogStore(database).recentRuns(limit).stream().map(RunRow::id).toList();
  }

  @Test
  void newestStartFirstAcrossComponentsWithTiesByLargerId() {
    assertEquals(
        List.of("train-2", "predict-1", "etl-6", "etl-5", "etl-4", "train-1", "etl-3"), recent(7));
  }

  @Test
  void oneComponentCanFillTheWholeLimitAndEveryRunIsListedOnce() {
    assertEquals(List.of("train-2", "predict-1", "etl-6"), recent(3));
    assertEquals(9, recent(100).size());
    assertEquals(List.of(), recent(0));
  }
}
