package org.mltrace.collector.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stored sample's distribution in equal-width bins from its minimum to its maximum, for the run
 * page (the drift triggers bin by the reference's quantiles instead, see
 * trigger.builtin.Histogram). The number of bins follows Sturges' rule, {@code ceil(log2 n) + 1}
 * for n finite values, at most {@value #MAX_BINS}: enough to show a shape, few enough to read in a
 * table cell. Each bin holds the values in {@code [edges[i], edges[i+1])}; the last also holds the
 * maximum. A constant sample is one bin whose edges are both that value.
 *
 * @param edges the bins' boundaries, one more than {@code counts}
 * @param counts the finite values in each bin
 * @param sampleSize every value of the sample, non-finite ones included
 * @param nonFinite the NaN and infinite values, which no bin holds
 */
public record SampleHistogram(
    List<Double> edges, List<Integer> counts, int sampleSize, int nonFinite) {
  static final int MAX_BINS = 20;

  /** The sample's histogram, or null when it has no finite value to bin. */
  public static SampleHistogram of(double[] sample) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int finite = 0;
    for (double v : sample) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        finite++;
      }
    }
    if (finite == 0) {
      return null;
    }
    int nonFinite = sample.length - finite;
    if (min == max) {
      return new SampleHistogram(List.of(min, max), List.of(finite), sample.length, nonFinite);
    }
    int bins = Math.min(MAX_BINS, (int) Math.ceil(Math.log(finite) / Math.log(2)) + 1);
    int[] counts = new int[bins];
    double width = max - min;
    for (double v : sample) {
      if (Double.isFinite(v)) {
        counts[Math.min(bins - 1, (int) ((v - min) / width * bins))]++;
      }
    }
    List<Double> edges = new ArrayList<>(bins + 1);
    for (int i = 0; i < bins; i++) {
      edges.add(min + width * i / bins);
    }
    edges.add(max);
    List<Integer> countList = new ArrayList<>(bins);
    for (int c : counts) {
      countList.add(c);
    }
    return new SampleHistogram(
        Collections.unmodifiableList(edges),
        Collections.unmodifiableList(countList),
        sample.length,
        nonFinite);
  }
}
