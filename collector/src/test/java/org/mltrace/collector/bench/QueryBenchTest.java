package org.mltrace.collector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.Progress;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.TestDatabases;

/**
 * The query bench on {@link HistoryGeneratorTest}'s 60-run history: the targets it picks, and one
 * timing per query with the expected number of samples and answer sizes (timings themselves are not
 * asserted).
 */
class QueryBenchTest {
  @TempDir Path tmp;

  @Test
  void picksTargetsFromTheHistoryAndTimesEachQuery() {
    String url = TestDatabases.h2Url(tmp);
    HistoryGenerator.generate(url, 60, 5, 2, Progress.NONE);
    try (QueryService q = QueryService.open(url)) {
      QueryBench bench = new QueryBench(q, 2);
      QueryBench.Targets t = bench.targets(10);
      // c4 ends the DAG: its 14 runs depend on others and nothing reads them; c3's failed run 49
      // is the only other such run. c0 and c1 have 15 runs each; ties go by name.
      assertEquals("c4", t.predictionComponent());
      assertEquals(10, t.predictions().size());
      assertEquals("c0", t.busiestComponent());
      assertEquals(20, t.recentRuns().size());
      assertEquals("genagent0001-60", t.recentRuns().get(0));
      // c0's runs have no dependencies; all 15 read the lookup file; cycles 0-7 fall on day 0 and
      // 8-14 on day 1 (a cycle every 3.2 h), so 8 and 7 read those: day 1 has fewest readers.
      assertEquals(List.of("/gen/raw/day-1.csv"), t.rawInputs());

      List<QueryBench.Timing> timings = bench.run(t, 10);
      assertEquals(
          List.of(
              "trace",
              "impact",
              "review",
              "history --limit 20",
              "history --limit 1000",
              "inspect",
              "components"),
          timings.stream().map(QueryBench.Timing::query).toList());
      assertEquals(
          List.of(20, 2, 2, 2, 2, 40, 2),
          timings.stream().map(QueryBench.Timing::samples).toList());
      // Day 1 holds cycles 8-14: 60 runs minus cycle 0's 5 and cycles 1-7's 4 each, all derived
      // from its raw file. c0 has 15 runs, so both history limits answer 15.
      assertEquals(27.0, timings.get(1).size());
      assertEquals(15.0, timings.get(3).size());
      assertEquals(15.0, timings.get(4).size());
      assertEquals(5.0, timings.get(6).size(), "components lists the 5 generated components");
      assertTrue(
          timings.get(0).size() >= 5, "a c4 trace holds c4 and its upstream: " + timings.get(0));
      assertTrue(timings.stream().allMatch(x -> x.p50Ms() <= x.p95Ms() && x.p95Ms() <= x.maxMs()));
    }
  }
}
