package org.mltrace.collector.trigger.builtin;

import java.util.Arrays;
import java.util.List;
import org.mltrace.collector.trigger.CapturedData;

/** Statistics on captured samples: pooling, quantiles, moments, the two-sample KS distance. */
final class Samples {
  private Samples() {}

  /** The NaN-free samples of several reference values concatenated (a {@code last:N} pool). */
  static double[] pooled(List<CapturedData> values) {
    return values.stream()
        .flatMapToDouble(d -> Arrays.stream(d.sample()))
        .filter(v -> !Double.isNaN(v))
        .toArray();
  }

  /**
   * The {@code p} quantile of {@code sorted} by linear interpolation between closest ranks
   * (position {@code p * (n - 1)}; R's type 7, numpy's default).
   */
  static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Population standard deviation (divided by n), as the agent's summaries compute it. */
  static double stddev(double[] values, double mean) {
    double sq = 0;
    for (double v : values) {
      sq += (v - mean) * (v - mean);
    }
    return Math.sqrt(sq / values.length);
  }

  /**
   * The two-sample Kolmogorov-Smirnov statistic {@code D = max_x |F_a(x) - F_b(x)|}, the largest
   * gap between the two empirical distribution functions, checked at every observed value.
   */
  static double ksDistance(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    // Past the end of one sample its F is 1; the other's only rises towards 1 from here, so the
    // gap can only shrink: the last value checked above already gave the maximum.
    return d;
  }
}
