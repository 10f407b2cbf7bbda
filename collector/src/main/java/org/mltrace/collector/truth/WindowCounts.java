package org.mltrace.collector.truth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mltrace.agent.event.TaskEvent;

/**
 * The summed contributions of the joined pairs in a window, and the metrics they give.
 *
 * <p>AUC comes from the per-bin counts of positive and negative labels: each positive counts the
 * negatives in lower bins, plus half of those in its own bin (the Mann-Whitney statistic with the
 * scores of a bin taken as tied). It is exact when no bin holds both classes; otherwise it is off
 * by at most {@code sum(pos_i * neg_i) / (2 * P * N)}, the share of pairs that tie in a bin.
 */
final class WindowCounts {
  long n;
  long tp;
  long fp;
  long tn;
  long fn;
  double absError;
  final long[] positives = new long[Outcome.BINS];
  final long[] negatives = new long[Outcome.BINS];

  void add(int bin, long n, long tp, long fp, long tn, long fn, double absError) {
    this.n += n;
    this.tp += tp;
    this.fp += fp;
    this.tn += tn;
    this.fn += fn;
    this.absError += absError;
    positives[bin] += tp + fn;
    negatives[bin] += fp + tn;
  }

  void add(Outcome o) {
    add(o.bin(), o.n(), o.tp(), o.fp(), o.tn(), o.fn(), o.absError());
  }

  /**
   * The kind's metrics by name, in the order of {@link TaskEvent#metricsOf}; NaN when undefined.
   */
  Map<String, Double> metrics(String kind) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String metric : TaskEvent.metricsOf(kind)) {
      m.put(metric, metric(metric));
    }
    return m;
  }

  double metric(String name) {
    return switch (name) {
      case "accuracy" -> ratio(tp + tn, n);
      case "precision" -> ratio(tp, tp + fp);
      case "recall" -> ratio(tp, tp + fn);
      case "f1" -> ratio(2 * tp, 2 * tp + fp + fn);
      case "auc" -> auc();
      case "mae" -> n == 0 ? Double.NaN : absError / n;
      default -> Double.NaN;
    };
  }

  private double auc() {
    long p = tp + fn;
    long q = fp + tn;
    if (p == 0 || q == 0) {
      return Double.NaN;
    }
    double sum = 0;
    long below = 0;
    for (int i = 0; i < Outcome.BINS; i++) {
      sum += positives[i] * (below + negatives[i] / 2.0);
      below += negatives[i];
    }
    return sum / ((double) p * q);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
