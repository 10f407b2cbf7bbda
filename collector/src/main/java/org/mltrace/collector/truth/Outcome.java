package org.mltrace.collector.truth;

import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.TaskDefinition;

/**
 * One joined pair's contribution to its bucket, or (negated) its removal when its prediction or
 * label is replaced. Classification tasks count it as TP, FP, TN or FN: a binary prediction is
 * positive at 0.5 or more (1, true), a score at its task's threshold or more, a label at 0.5 or
 * more. A score task also puts it in one of {@link #BINS} bins of the score over [0, 1] (scores
 * outside go to the edge bins), whose per-class counts give the AUC. A regression task adds {@code
 * |prediction - label|}.
 */
record Outcome(int bin, long n, long tp, long fp, long tn, long fn, double absError) {
  static final int BINS = 100;

  static Outcome of(TaskDefinition task, double prediction, double label) {
    String kind = task.kind();
    if (kind.equals(TaskEvent.REGRESSION)) {
      return new Outcome(0, 1, 0, 0, 0, 0, Math.abs(prediction - label));
    }
    boolean predicted =
        kind.equals(TaskEvent.SCORE) ? prediction >= task.event().threshold() : prediction >= 0.5;
    boolean actual = label >= 0.5;
    int bin = kind.equals(TaskEvent.SCORE) ? binOf(prediction) : 0;
    return new Outcome(
        bin,
        1,
        predicted && actual ? 1 : 0,
        predicted && !actual ? 1 : 0,
        !predicted && !actual ? 1 : 0,
        !predicted && actual ? 1 : 0,
        0);
  }

  static int binOf(double score) {
    return (int) Math.max(0, Math.min(BINS - 1, Math.floor(score * BINS)));
  }

  Outcome negate() {
    return new Outcome(bin, -n, -tp, -fp, -tn, -fn, -absError);
  }
}
