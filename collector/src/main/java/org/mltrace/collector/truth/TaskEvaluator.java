package org.mltrace.collector.truth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.TaskDefinition;

/**
 * A task's windowed metrics as of a time, from its buckets: the buckets wholly inside the window
 * are summed by the database (one row per score bin), and only the window's oldest bucket, which
 * the window's edge may cut, is read pair by pair. So an evaluation costs O(buckets + one bucket's
 * pairs), whatever the history's length. A duration window holds the predictions made at or after
 * {@code asOf - window}; a last-N window the joined pairs numbered {@code next - N} or later
 * (numbered in the order they were first joined).
 */
final class TaskEvaluator {
  private TaskEvaluator() {}

  /** The metrics and the number of joined pairs they cover. */
  record Evaluation(long labelled, Map<String, Double> metrics) {}

  static Evaluation evaluate(JdbcTaskStore ledger, TaskDefinition task, Instant asOf) {
    long from = windowStart(ledger, task, asOf);
    long edge = Math.floorDiv(from, task.bucketSize());
    WindowCounts counts = new WindowCounts();
    ledger.sumBucketsAfter(task.name(), edge, counts::add);
    addPairs(task, ledger.joinedPairs(task.name(), edge, task.lastN(), from), counts);
    return new Evaluation(counts.n, counts.metrics(task.kind()));
  }

  /** The same metrics from every joined pair in the window, without the buckets (for checks). */
  static Evaluation recompute(JdbcTaskStore ledger, TaskDefinition task, Instant asOf) {
    WindowCounts counts = new WindowCounts();
    addPairs(
        task,
        ledger.joinedPairs(task.name(), null, task.lastN(), windowStart(ledger, task, asOf)),
        counts);
    return new Evaluation(counts.n, counts.metrics(task.kind()));
  }

  /** The first prediction time (micros) or order number inside the window. */
  private static long windowStart(JdbcTaskStore ledger, TaskDefinition task, Instant asOf) {
    if (task.lastN()) {
      long next = ledger.nextSeq(task.name());
      return Math.max(1, next - task.event().windowLast());
    }
    long asOfMicros = asOf.getEpochSecond() * 1_000_000L + asOf.getNano() / 1000;
    return asOfMicros - task.event().windowSeconds() * 1_000_000L;
  }

  private static void addPairs(TaskDefinition task, List<double[]> pairs, WindowCounts counts) {
    for (double[] p : pairs) {
      counts.add(Outcome.of(task, p[0], p[1]));
    }
  }
}
