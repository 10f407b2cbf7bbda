package org.mltrace.collector.truth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.TaskDefinition;

/**
 * {@code mltrace bench --task-pairs N}: what keeping a task's metrics incrementally costs, against
 * recomputing its window from the joined pairs. Joins N predictions (spread over the 7-day window)
 * to labels, then times transactions that each change one label and evaluate the window (what a
 * feedback event costs), and full recomputations of the same window.
 */
public final class TaskBench {
  /**
   * @param joinSeconds storing and joining the N predictions and labels
   * @param updateMillis one label changed and the window evaluated and stored, in its own
   *     transaction (median)
   * @param evaluateMillis the window evaluated from its buckets alone, outside a transaction
   *     (median)
   * @param recomputeMillis the window recomputed from its pairs (median)
   */
  public record Result(
      int pairs,
      double joinSeconds,
      double updateMillis,
      double evaluateMillis,
      double recomputeMillis) {}

  private TaskBench() {}

  public static Result run(String jdbcUrl, int pairs, int updates) {
    Random random = new Random(1);
    Instant now = Instant.now();
    long nowMicros = FeedbackImport.micros(now);
    long week = 7 * 86_400_000_000L;
    TaskEvent task =
        new TaskEvent(
            "bench",
            TaskEvent.SCORE,
            0.5,
            "bench_predict",
            "ids",
            "scores",
            null,
            null,
            null,
            7 * 86_400,
            0,
            10_000,
            List.of(new TaskEvent.Sla("recall", ">=", 0.5, true, null)),
            null);
    try (Database database = Database.open(jdbcUrl, Database.Access.CREATE)) {
      JdbcIngestStore store = new JdbcIngestStore(database);
      long start = System.nanoTime();
      for (int from = 0; from < pairs; from += 5_000) {
        int first = from;
        store.inTransaction(
            tx -> {
              try (TaskIngest ti = new TaskIngest(tx)) {
                if (first == 0) {
                  ti.declare(task, now);
                }
                TaskDefinition t = ti.tasks().get("bench");
                for (int i = first; i < Math.min(pairs, first + 5_000); i++) {
                  long at = nowMicros - (long) (random.nextDouble() * (week - 60_000_000L));
                  ti.predict(t, "id" + i, random.nextDouble(), at, "bench-run");
                  ti.label(t, "id" + i, random.nextBoolean() ? 1 : 0, at + 1, "bench");
                }
                ti.evaluate(now);
              }
              return null;
            });
      }
      double joinSeconds = (System.nanoTime() - start) / 1e9;
      double[] update = new double[updates];
      for (int k = 0; k < updates; k++) {
        long t0 = System.nanoTime();
        store.inTransaction(
            tx -> {
              try (TaskIngest ti = new TaskIngest(tx)) {
                ti.label(
                    ti.tasks().get("bench"),
                    "id" + random.nextInt(pairs),
                    random.nextBoolean() ? 1 : 0,
                    FeedbackImport.micros(Instant.now()),
                    "bench");
                ti.evaluate(Instant.now());
              }
              return null;
            });
        update[k] = (System.nanoTime() - t0) / 1e6;
      }
      double[] evaluate = new double[Math.max(3, updates / 5)];
      double[] recompute = new double[Math.max(3, updates / 5)];
      try (JdbcTaskStore ledger = JdbcTaskStore.of(database)) {
        TaskDefinition t = ledger.all().get("bench");
        for (int k = 0; k < recompute.length; k++) {
          long t0 = System.nanoTime();
          TaskEvaluator.Evaluation fast = TaskEvaluator.evaluate(ledger, t, now);
          long t1 = System.nanoTime();
          TaskEvaluator.Evaluation full = TaskEvaluator.recompute(ledger, t, now);
          long t2 = System.nanoTime();
          if (fast.labelled() != full.labelled()) {
            throw new IllegalStateException(
                "the buckets disagree with the pairs: " + fast + " vs " + full);
          }
          evaluate[k] = (t1 - t0) / 1e6;
          recompute[k] = (t2 - t1) / 1e6;
        }
      }
      return new Result(pairs, joinSeconds, median(update), median(evaluate), median(recompute));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
