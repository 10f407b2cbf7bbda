package org.mltrace.collector.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.Progress;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.TraceResult;
import org.mltrace.collector.testing.TestDatabases;

/** {@code compact} on a real H2 database filled through a real queue. */
class CompactorTest {
  @TempDir Path tmp;

  @Test
  void keepsAggregatesAndFlaggedLineageAndRemovesTheOtherOldRuns() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    CompactionScenario.load(url, tmp);

    CompactionScenario.compactAndCheck(url);

    try (QueryService queries = QueryService.open(url)) {
      TraceResult.PointerTrace trace = (TraceResult.PointerTrace) queries.trace("/out/flagged.csv");
      assertEquals("predict-1", trace.producedBy().run().row().id());
      assertEquals("train-1", trace.producedBy().upstream().get(0).run().row().id());
    }
  }

  @Test
  void withoutFlaggedOutputsEveryOldRunGoes() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp, CompactionScenario.history());

    try (Compactor compactor = Compactor.open(url)) {
      CompactionReport r =
          compactor.compact(
              Duration.ofDays(90), false, CompactionScenario.AT_DAY_100, Progress.NONE);
      assertEquals(7, r.runsRemoved());
      assertEquals(0, r.runsKeptForLineage());
    }
    assertEquals(
        List.of("load-3", "train-3"),
        CompactionScenario.rows(url, "SELECT id FROM component_runs ORDER BY id"));
  }
}
