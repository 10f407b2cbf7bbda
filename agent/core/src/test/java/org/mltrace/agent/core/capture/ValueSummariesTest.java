package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.ValueSummary;

class ValueSummariesTest {
  private static final double EPS = 1e-12;

  /** The stride sampler, counting every index it hands out. */
  private static final class CountingSampler implements ValueSummaries.IndexSampler {
    long visits;

    @Override
    public void sample(int n, int cap, IntPredicate visit) {
      ValueSummaries.stride(
          n,
          cap,
          i -> {
            visits++;
            return visit.test(i);
          });
    }
  }

  private final ValueSummaries summaries = new ValueSummaries();

  @Test
  void smallArrayIsReadWholeWithHandComputedMoments() {
    ValueSummary s = summaries.summarize(new double[] {1, 2, 3, 4}, 1024);
    assertEquals("number", s.elements());
    assertEquals("all", s.sampling());
    assertEquals(4, s.count());
    assertEquals(4, s.sampled());
    assertEquals(0, s.nulls());
    assertEquals(0, s.nans());
    assertEquals(1, s.min(), EPS);
    assertEquals(4, s.max(), EPS);
    assertEquals(2.5, s.mean(), EPS);
    // population variance: (1.5² + 0.5² + 0.5² + 1.5²) / 4 = 1.25
    assertEquals(Math.sqrt(1.25), s.stddev(), EPS);
    assertEquals(4, s.distinct());
  }

  @Test
  void everyPrimitiveArrayKindIsSummarizedLikeTheSameDoubles() {
    ValueSummary expected = summaries.summarize(new double[] {1, 2, 3, 4}, 1024);
    for (Object array :
        List.of(
            new float[] {1, 2, 3, 4},
            new int[] {1, 2, 3, 4},
            new long[] {1, 2, 3, 4},
            new short[] {1, 2, 3, 4},
            new byte[] {1, 2, 3, 4})) {
      assertEquals(expected, summaries.summarize(array, 1024), array.getClass().getSimpleName());
    }
  }

  @Test
  void nanIsCountedAndKeptOutOfTheMoments() {
    ValueSummary s = summaries.summarize(new double[] {2, Double.NaN, 4, 4}, 1024);
    assertEquals(4, s.sampled());
    assertEquals(1, s.nans());
    assertEquals(2, s.min(), EPS);
    assertEquals(4, s.max(), EPS);
    assertEquals(10.0 / 3, s.mean(), EPS);
    // ((4/3)² + (2/3)² + (2/3)²) / 3 = 8/9
    assertEquals(Math.sqrt(8.0 / 9), s.stddev(), EPS);
    assertEquals(2, s.distinct());
  }

  @Test
  void nullsAreCountedAndMixedJdkNumberBoxesAreNumbers() {
    ValueSummary s = summaries.summarize(Arrays.asList(1, null, 3L, null), 1024);
    assertEquals("number", s.elements());
    assertEquals(4, s.count());
    assertEquals(2, s.nulls());
    assertEquals(2, s.mean(), EPS);
    assertEquals(1, s.stddev(), EPS);
    assertEquals(2, s.distinct());
  }

  @Test
  void emptyAndAllNullHaveNoMoments() {
    ValueSummary empty = summaries.summarize(new double[0], 1024);
    assertEquals(
        new ValueSummary(
            "number", "all", 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0),
        empty);
    ValueSummary nulls = summaries.summarize(Arrays.asList(null, null), 1024);
    assertEquals("none", nulls.elements());
    assertEquals(2, nulls.nulls());
    assertTrue(Double.isNaN(nulls.mean()));
    assertEquals(0, nulls.distinct());
  }

  @Test
  void stringsGiveLengthMomentsAndContentDistinct() {
    ValueSummary s = summaries.summarize(List.of("a", "bb", "bb", "dddd"), 1024);
    assertEquals("string", s.elements());
    assertEquals(1, s.min(), EPS);
    assertEquals(4, s.max(), EPS);
    assertEquals(2.25, s.mean(), EPS);
    // ((1.25)² + (0.25)² + (0.25)² + (1.75)²) / 4 = 1.1875
    assertEquals(Math.sqrt(1.1875), s.stddev(), EPS);
    assertEquals(3, s.distinct());
  }

  @Test
  void mapsAreSummarizedByTheirValues() {
    ValueSummary s = summaries.summarize(Map.of("a", 1.0, "b", 3.0), 1024);
    assertEquals(2, s.count());
    assertEquals(2, s.mean(), EPS);
    assertEquals(1, s.stddev(), EPS);
  }

  @Test
  void mixedOrForeignElementsGiveNoSummary() {
    assertNull(summaries.summarize(List.of(1, "x"), 1024));
    assertNull(summaries.summarize(List.of(new Object()), 1024));
    assertNull(summaries.summarize(new Object[] {1.0, new StringBuilder("x")}, 1024));
  }

  @Test
  void aMillionElementArrayIsReadAtCapEvenlySpacedIndices() {
    double[] a = new double[1 << 20]; // 1,048,576: the stride is exactly 1024
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    CountingSampler counting = new CountingSampler();
    ValueSummary s = new ValueSummaries(counting).summarize(a, 1024);
    assertEquals(1024, counting.visits, "the sampler touched exactly cap elements, not a million");
    assertEquals(1 << 20, s.count());
    assertEquals(1024, s.sampled());
    assertEquals("stride", s.sampling());
    // the values read are 1024 * k for k = 0..1023: mean 1024 * 511.5, and the population
    // stddev of 0..N-1 is sqrt((N² - 1) / 12)
    assertEquals(0, s.min(), EPS);
    assertEquals(1023 * 1024, s.max(), EPS);
    assertEquals(1024 * 511.5, s.mean(), 1e-9);
    assertEquals(1024 * Math.sqrt((1024.0 * 1024 - 1) / 12), s.stddev(), 1e-6);
    assertEquals(1024, s.distinct(), 1024 * 0.03);
  }

  @Test
  void aMillionElementListIsReadAtCapToo() {
    List<Double> list = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      list.add((double) (i % 10));
    }
    CountingSampler counting = new CountingSampler();
    ValueSummary s = new ValueSummaries(counting).summarize(list, 100);
    assertEquals(100, counting.visits);
    assertEquals(100, s.sampled());
    assertEquals(1_000_000, s.count());
  }

  @Test
  void strideIndicesAreFloorOfKTimesNOverCap() {
    for (int[] nc : new int[][] {{1_000_000, 1024}, {1025, 1024}, {7, 3}, {2_147_483_647, 1000}}) {
      int n = nc[0];
      int cap = nc[1];
      List<Integer> visited = new ArrayList<>();
      ValueSummaries.stride(n, cap, visited::add);
      assertEquals(cap, visited.size());
      for (int k = 0; k < cap; k++) {
        assertEquals((int) ((long) k * n / cap), visited.get(k), "k=" + k + " n=" + n);
      }
    }
  }

  @Test
  void aForeignElementStopsTheSamplingAtOnce() {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      rows.add(new StringBuilder("row"));
    }
    CountingSampler counting = new CountingSampler();
    assertNull(new ValueSummaries(counting).summarize(rows, 1024));
    assertEquals(1, counting.visits, "no summary is possible after the first element");
  }

  @Test
  void referenceArraysAreSampledOnlyWhenTheirElementsCanBeNumbersOrStrings() {
    assertTrue(ValueSummaries.isSummarized(Double[].class));
    assertTrue(ValueSummaries.isSummarized(String[].class));
    assertTrue(ValueSummaries.isSummarized(Object[].class));
    assertFalse(ValueSummaries.isSummarized(StringBuilder[].class));
    assertFalse(ValueSummaries.isSummarized(double[][].class));
  }

  @Test
  void momentsStayAccurateFarFromZero() {
    // Naive Σv² - (Σv)²/n would lose all digits here; the shifted sums do not.
    ValueSummary s = summaries.summarize(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4}, 1024);
    assertEquals(1e9 + 2.5, s.mean(), 1e-6);
    assertEquals(Math.sqrt(1.25), s.stddev(), 1e-9);
  }

  @Test
  void collectionsWithoutRandomAccessAreReadByTheirHead() {
    Set<Integer> set = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      set.add(i);
    }
    ValueSummary s = summaries.summarize(set, 1024);
    assertEquals("head", s.sampling());
    assertEquals(1024, s.sampled());
    assertEquals(5000, s.count());
    assertEquals("all", summaries.summarize(new LinkedList<>(List.of(1, 2)), 1024).sampling());
  }

  @Test
  void distinctEstimateIsCloseOnAThousandDistinctValues() {
    double[] a = new double[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.5;
    }
    assertEquals(1000, summaries.summarize(a, 1024).distinct(), 30);
  }

  @Test
  void onlyJdkClassesThatCannotRunUserCodeOrBlockAreSummarized() {
    assertTrue(ValueSummaries.isSummarized(double[].class));
    assertTrue(ValueSummaries.isSummarized(ArrayList.class));
    assertTrue(ValueSummaries.isSummarized(List.of(1, 2, 3).getClass()));
    assertFalse(ValueSummaries.isSummarized(Vector.class), "synchronized: may block");
    assertFalse(
        ValueSummaries.isSummarized(
            java.util.Collections.unmodifiableList(new ArrayList<>()).getClass()));
    assertFalse(
        ValueSummaries.isSummarized(new ArrayList<Integer>() {}.getClass()), "a user subclass");
    assertTrue(ValueSummaries.isSummarized(boolean[].class));
    assertTrue(ValueSummaries.isSummarized(Boolean[].class));
    assertFalse(ValueSummaries.isSummarized(char[].class));
  }

  @Test
  void booleansAreSummarizedAsOnesAndZerosSoTheMeanIsTheTrueFraction() {
    ValueSummary array = summaries.summarize(new boolean[] {true, false, true, true}, 1024);
    assertEquals("boolean", array.elements());
    assertEquals(4, array.count());
    assertEquals(0.75, array.mean(), EPS);
    assertEquals(0, array.min(), EPS);
    assertEquals(1, array.max(), EPS);
    assertEquals(2, array.distinct());
    ValueSummary list = summaries.summarize(Arrays.asList(true, null, false, true, true), 1024);
    assertEquals(0.75, list.mean(), EPS);
    assertEquals("boolean", list.elements());
    assertEquals(1, list.nulls());
    assertEquals(
        summaries.summarize(new Boolean[] {true, false, true, true}, 1024),
        array,
        "a Boolean[] like a boolean[]");
    assertNull(
        summaries.summarize(Arrays.asList(true, 1), 1024),
        "booleans mixed with numbers: no summary");
  }
}
