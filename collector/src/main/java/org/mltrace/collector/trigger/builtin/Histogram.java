package org.mltrace.collector.trigger.builtin;

import java.util.Arrays;

/**
 * The binning PSI and KL share. Bin edges are the <b>reference's quantiles</b>, not equal widths
 * over its range: each bin then holds about 1/B of the reference, so no reference bin is empty (no
 * division by a smoothed zero where the reference lives), and skewed data such as fares, where
 * equal widths would put nearly everything in the first bin and leave the rest to outliers, still
 * gets B informative bins. The outer bins are open ({@code -inf}, {@code +inf}) so current values
 * beyond the reference's range are counted, in the first or last bin.
 *
 * <p>Interior cut points: {@code c_i = sorted[ceil(i * n / B) - 1]} for {@code i = 1 .. B-1} (the
 * largest value of the i-th chunk of the sorted reference); bin {@code j} holds {@code c_j < v <=
 * c_(j+1)}. Repeated cut points (many equal values) are merged, so a discrete reference may give
 * fewer than B bins.
 */
final class Histogram {
  private Histogram() {}

  /** The interior cut points, ascending and distinct; at most {@code bins - 1} of them. */
  static double[] quantileEdges(double[] reference, int bins) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    long n = sorted.length;
    double[] cuts = new double[Math.max(0, bins - 1)];
    int k = 0;
    for (int i = 1; i < bins; i++) {
      int index = (int) ((i * n + bins - 1) / bins) - 1; // ceil(i * n / B) - 1
      double c = sorted[Math.max(0, index)];
      if (k == 0 || c > cuts[k - 1]) {
        cuts[k++] = c;
      }
    }
    return Arrays.copyOf(cuts, k);
  }

  /** How many values fall in each of the {@code edges.length + 1} bins. */
  static long[] counts(double[] values, double[] edges) {
    long[] counts = new long[edges.length + 1];
    for (double v : values) {
      counts[bin(v, edges)]++;
    }
    return counts;
  }

  /**
   * Each bin's share of {@code total}; an empty bin gets {@code epsilon} instead of 0, so that the
   * logarithms of PSI and KL stay finite. The other bins are not rescaled: the shares then sum to 1
   * plus epsilon per empty bin, a negligible excess at the default 1e-4, and bins that are not
   * empty keep their exact shares (which keeps hand-checked figures exact).
   */
  static double[] proportions(long[] counts, double epsilon) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = counts[i] == 0 ? epsilon : (double) counts[i] / total;
    }
    return p;
  }

  /** The number of cut points strictly below {@code v}: bin j holds {@code c_j < v <= c_(j+1)}. */
  private static int bin(double v, double[] edges) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
