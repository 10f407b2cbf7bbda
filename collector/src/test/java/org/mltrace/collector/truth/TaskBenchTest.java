package org.mltrace.collector.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The benchmark runs end to end (its buckets and pairs must agree, or it throws). */
class TaskBenchTest {
  @TempDir Path dir;

  @Test
  void joinsUpdatesAndTimesBothEvaluations() {
    TaskBench.Result r = TaskBench.run(TestDatabases.h2Url(dir), 300, 5);
    assertEquals(300, r.pairs());
    assertTrue(
        r.updateMillis() > 0 && r.evaluateMillis() > 0 && r.recomputeMillis() > 0, r.toString());
  }
}
