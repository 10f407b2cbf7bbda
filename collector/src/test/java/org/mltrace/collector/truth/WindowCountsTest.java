package org.mltrace.collector.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.TaskDefinition;

/** Metrics from summed contributions, against values computed by hand. */
class WindowCountsTest {
  private static final TaskDefinition SCORE =
      TaskDefinition.of(TaskEvents.scoreTask(3600, 0, List.of()));

  private static WindowCounts counts(TaskDefinition t, double[] predictions, double[] labels) {
    WindowCounts c = new WindowCounts();
    for (int i = 0; i < predictions.length; i++) {
      c.add(Outcome.of(t, predictions[i], labels[i]));
    }
    return c;
  }

  /** A task of {@code kind} with labels from files and a last-10 window. */
  private static TaskDefinition fileTask(String name, String kind) {
    return TaskDefinition.of(
        new TaskEvent(
            name, kind, Double.NaN, "p", "i", "v", null, null, null, 0, 10, 5, List.of(), null));
  }

  @Test
  void classificationMetricsAndAucOfEightScores() {
    // Threshold 0.5: TP t1 t2 t4, FP t3, FN t6, TN t5 t7 t8.
    WindowCounts c =
        counts(
            SCORE,
            new double[] {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1},
            new double[] {1, 1, 0, 1, 0, 1, 0, 0});
    assertEquals(0.75, c.metric("accuracy"), 1e-12);
    assertEquals(0.75, c.metric("precision"), 1e-12);
    assertEquals(0.75, c.metric("recall"), 1e-12);
    assertEquals(0.75, c.metric("f1"), 1e-12);
    // Positive > negative pairs: 0.9 and 0.8 beat all 4 negatives, 0.6 beats 3, 0.3 beats 2: 13 of
    // 16.
    assertEquals(13 / 16.0, c.metric("auc"), 1e-12);
  }

  @Test
  void scoresInOneBinCountAsTiesHalf() {
    // 0.612 (positive) and 0.618 (negative) share bin 61: the pair counts 1/2 (exactly it would be
    // 0).
    WindowCounts c = counts(SCORE, new double[] {0.612, 0.618, 0.1}, new double[] {1, 0, 0});
    assertEquals((0.5 + 1) / 2, c.metric("auc"), 1e-12);
  }

  @Test
  void undefinedMetricsAreNaN() {
    WindowCounts c = counts(SCORE, new double[] {0.1, 0.2}, new double[] {0, 1});
    assertTrue(Double.isNaN(c.metric("precision")), "no positive predicted");
    assertEquals(0, c.metric("recall"));
    assertEquals(0, c.metric("f1"));
    assertTrue(Double.isNaN(new WindowCounts().metric("accuracy")));
  }

  @Test
  void binaryAndRegression() {
    TaskDefinition binary = fileTask("b", TaskEvent.BINARY);
    WindowCounts b = counts(binary, new double[] {1, 1, 0, 0, 1}, new double[] {1, 0, 0, 1, 1});
    assertEquals(3 / 5.0, b.metric("accuracy"), 1e-12);
    assertEquals(2 / 3.0, b.metric("precision"), 1e-12);
    assertEquals(2 / 3.0, b.metric("recall"), 1e-12);
    TaskDefinition regression = fileTask("r", TaskEvent.REGRESSION);
    WindowCounts r = counts(regression, new double[] {2.0, 3.5, 10}, new double[] {2.5, 3.5, 7});
    assertEquals(3.5 / 3, r.metric("mae"), 1e-12);
    assertEquals(List.of("mae"), List.copyOf(r.metrics(TaskEvent.REGRESSION).keySet()));
  }
}
