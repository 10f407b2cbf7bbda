package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleHistogramTest {
  @Test
  void tenValuesFallIntoFiveBinsByHand() {
    // Sturges: ceil(log2 10) + 1 = 5 bins of width (4 - 1) / 5 = 0.6.
    SampleHistogram h = SampleHistogram.of(new double[] {4, 1, 2, 3, 2, 3, 4, 3, 4, 4});
    assertEquals(List.of(1, 2, 0, 3, 4), h.counts());
    assertEquals(6, h.edges().size());
    assertEquals(1.0, h.edges().get(0));
    assertEquals(2.2, h.edges().get(2), 1e-12);
    assertEquals(4.0, h.edges().get(5), "the last edge is the maximum itself");
    assertEquals(10, h.sampleSize());
    assertEquals(0, h.nonFinite());
  }

  @Test
  void theMaximumIsInTheLastBinAndNonFiniteValuesInNone() {
    SampleHistogram h =
        SampleHistogram.of(new double[] {0, 1, Double.NaN, Double.POSITIVE_INFINITY, 0.5, 0.25});
    // 4 finite values: ceil(log2 4) + 1 = 3 bins of width 1/3: [0, 1/3) [1/3, 2/3) [2/3, 1].
    assertEquals(List.of(2, 1, 1), h.counts());
    assertEquals(6, h.sampleSize());
    assertEquals(2, h.nonFinite());
  }

  @Test
  void aConstantSampleIsOneBinAndOneWithoutFiniteValuesHasNone() {
    SampleHistogram h = SampleHistogram.of(new double[] {7, 7, 7});
    assertEquals(List.of(7.0, 7.0), h.edges());
    assertEquals(List.of(3), h.counts());
    assertNull(SampleHistogram.of(new double[] {Double.NaN}));
    assertNull(SampleHistogram.of(new double[0]));
  }

  @Test
  void binsStopAtTwentyForLargeSamples() {
    double[] sample = new double[1 << 22];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = i;
    }
    SampleHistogram h = SampleHistogram.of(sample);
    assertEquals(SampleHistogram.MAX_BINS, h.counts().size());
    assertEquals(sample.length, h.counts().stream().mapToInt(Integer::intValue).sum());
  }
}
