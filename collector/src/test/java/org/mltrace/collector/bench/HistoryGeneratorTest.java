package org.mltrace.collector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.query.ImpactQuery;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * 60 runs of 5 components (c2 trains every 10th cycle) over 2 days: cycle 0 has 5 runs, the others
 * 4, and cycle 10 trains again, so the runs fill cycles 0 to 14 (the last one with c0 and c1 only);
 * run 49 (the 50th) fails. Every run derives from the shared lookup file.
 */
class HistoryGeneratorTest {
  @TempDir Path tmp;

  private static void check(String url) {
    HistoryGenerator.Result r =
        HistoryGenerator.generate(url, 60, 5, 2, org.mltrace.collector.Progress.NONE);
    assertEquals(
        List.of(60, 15, 2, 1, 60L),
        List.of(r.runs(), r.cycles(), r.trainings(), r.failures(), r.stored()));
    try (QueryService q = QueryService.open(url)) {
      assertEquals(
          List.of(
              List.of("c0", 15L),
              List.of("c1", 15L),
              List.of("c2", 2L),
              List.of("c3", 14L),
              List.of("c4", 14L)),
          q.sql("SELECT component, COUNT(*) FROM component_runs GROUP BY component ORDER BY 1")
              .rows());
      assertEquals(
          List.of(1L),
          q.sql("SELECT COUNT(*) FROM component_runs WHERE status = 'failed'").rows().get(0));
      assertEquals(
          List.of("2025-12-30T00:00:00Z"),
          q.sql("SELECT MIN(start_time) FROM component_runs").rows().get(0));
      // c3 of cycle 11 read the model c2 wrote in cycle 10
      assertEquals(
          List.of(List.of("genagent0001-44")),
          q.sql(
                  "SELECT d.depends_on_run_id FROM run_dependencies d"
                      + " WHERE d.run_id = 'genagent0001-49' AND d.pointer_id = '/gen/model.bin'")
              .rows());
      assertEquals(60, new ImpactQuery(q).impact("/gen/ref/lookup.csv").runs().size());
    }
  }

  @Test
  void h2() {
    check(TestDatabases.h2Url(tmp));
  }

  @Test
  void postgres() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      check(schema.create());
    } finally {
      schema.drop();
    }
  }
}
