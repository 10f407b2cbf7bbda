package org.mltrace.collector.truth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.PairRow;
import org.mltrace.collector.store.TaskDefinition;

/**
 * Joins predictions and labels by identifier, incrementally: a new or replaced prediction or label
 * first takes the pair's old contribution out of its bucket, then adds the new one. So a label
 * ingested twice, or replaced by a later one, is counted once, with its latest value, and no window
 * is ever recomputed from the pairs. Bucket changes are summed in memory and written once per
 * (bucket, bin) by {@link #flush}.
 *
 * <p>Of two predictions (or labels) of one identifier the one with the later time wins; at equal
 * times the one applied last.
 */
final class Joiner {
  private final JdbcTaskStore ledger;
  private final Map<String, Outcome> pending = new LinkedHashMap<>(); // task NUL bucket NUL bin
  private final Map<String, Long> touched = new LinkedHashMap<>(); // task -> joins changed

  Joiner(JdbcTaskStore ledger) {
    this.ledger = ledger;
  }

  /** Applies a prediction; returns whether the task's counts changed. */
  boolean predict(TaskDefinition task, String id, double value, long atMicros, String run) {
    PairRow old = ledger.pair(task.name(), id);
    PairRow base = old == null ? PairRow.empty(task.name(), id) : old;
    if (base.predictedAt() != null && base.predictedAt() > atMicros) {
      return false; // an older prediction than the one stored
    }
    return apply(task, old, base.withPrediction(value, atMicros, run));
  }

  /** Applies a label; returns whether the task's counts changed. */
  boolean label(TaskDefinition task, String id, double value, long atMicros, String source) {
    PairRow old = ledger.pair(task.name(), id);
    PairRow base = old == null ? PairRow.empty(task.name(), id) : old;
    if (base.labelledAt() != null && base.labelledAt() > atMicros) {
      return false; // an older label than the one stored
    }
    return apply(task, old, base.withLabel(value, atMicros, source));
  }

  private boolean apply(TaskDefinition task, PairRow old, PairRow updated) {
    if (old != null && old.joined()) {
      Outcome before = Outcome.of(task, old.prediction(), old.label());
      add(task.name(), old.bucket(), before.negate());
    }
    PairRow row = updated;
    if (updated.prediction() != null && updated.label() != null) {
      long seq = updated.seq() != null ? updated.seq() : ledger.takeSeq(task.name());
      Outcome now = Outcome.of(task, updated.prediction(), updated.label());
      long bucket = task.bucketOf(updated.predictedAt(), seq);
      add(task.name(), bucket, now);
      row = updated.countedAt(seq, bucket, now.bin());
    }
    ledger.putPair(row, old != null);
    boolean changed = (old != null && old.joined()) || row.joined();
    if (changed) {
      touched.merge(task.name(), 1L, Long::sum);
    }
    return changed;
  }

  /** Recounts every joined pair of the task into fresh buckets (after its counting changed). */
  void rebuild(TaskDefinition task) {
    ledger.deleteBuckets(task.name());
    for (PairRow p : ledger.joinedPairs(task.name())) {
      Outcome o = Outcome.of(task, p.prediction(), p.label());
      long bucket = task.bucketOf(p.predictedAt(), p.seq());
      add(task.name(), bucket, o);
      ledger.putPair(p.countedAt(p.seq(), bucket, o.bin()), true);
    }
    touched.merge(task.name(), 1L, Long::sum);
  }

  private void add(String task, long bucket, Outcome delta) {
    pending.merge(task + '\u0000' + bucket + '\u0000' + delta.bin(), delta, Joiner::sum);
  }

  private static Outcome sum(Outcome a, Outcome b) {
    return new Outcome(
        a.bin(),
        a.n() + b.n(),
        a.tp() + b.tp(),
        a.fp() + b.fp(),
        a.tn() + b.tn(),
        a.fn() + b.fn(),
        a.absError() + b.absError());
  }

  /**
   * Writes the summed bucket changes; returns the tasks whose counts changed since the last flush.
   */
  java.util.Set<String> flush() {
    for (Map.Entry<String, Outcome> e : pending.entrySet()) {
      String[] key = e.getKey().split("\u0000");
      Outcome d = e.getValue();
      if (d.n() != 0
          || d.tp() != 0
          || d.fp() != 0
          || d.tn() != 0
          || d.fn() != 0
          || d.absError() != 0) {
        ledger.addToBucket(
            key[0],
            Long.parseLong(key[1]),
            d.bin(),
            d.n(),
            d.tp(),
            d.fp(),
            d.tn(),
            d.fn(),
            d.absError());
      }
    }
    pending.clear();
    java.util.Set<String> tasks = new java.util.LinkedHashSet<>(touched.keySet());
    touched.clear();
    return tasks;
  }
}
