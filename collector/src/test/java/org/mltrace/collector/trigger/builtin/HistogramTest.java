package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void cutPointsAreTheReferencesQuantiles() {
    // n = 10, B = 4: ceil(10/4) - 1 = 2, ceil(20/4) - 1 = 4, ceil(30/4) - 1 = 7
    double[] ref = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assertArrayEquals(new double[] {3, 5, 8}, Histogram.quantileEdges(ref, 4));
  }

  @Test
  void repeatedCutPointsMerge() {
    // {1, 2, 2, 2, 2, 3} in 3 bins: sorted[1] = 2 and sorted[3] = 2 merge into one cut.
    assertArrayEquals(
        new double[] {2}, Histogram.quantileEdges(new double[] {2, 2, 1, 2, 3, 2}, 3));
  }

  @Test
  void valuesBeyondTheReferenceLandInTheOpenOuterBins() {
    // cuts {3, 5, 8}: bins (-inf,3] (3,5] (5,8] (8,+inf); -100 and 3 in the first, 3.5 in the
    // second, 8 in the third, 1000 in the last.
    assertArrayEquals(
        new long[] {2, 1, 1, 1},
        Histogram.counts(new double[] {-100, 3, 3.5, 8, 1000}, new double[] {3, 5, 8}));
  }

  @Test
  void anEmptyBinIsEpsilonAndTheOthersKeepTheirShares() {
    assertArrayEquals(
        new double[] {0.75, 1e-4, 0.25}, Histogram.proportions(new long[] {3, 0, 1}, 1e-4), 0);
  }
}
