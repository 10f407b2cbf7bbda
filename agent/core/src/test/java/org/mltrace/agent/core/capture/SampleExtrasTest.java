package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueSummary;

class SampleExtrasTest {
  /** SplitMix64's finalizer over the bits of 1.0 (0x3FF0000000000000), computed by hand. */
  private static final long HASH_OF_ONE = 0x2A20CD80798DAE26L;

  /** XXH64 of "abc" (the reference test vector). */
  private static final long HASH_OF_ABC = 0x44BC2CF5AD770999L;

  private final ValueSummaries summaries = new ValueSummaries();

  private ValueSummary extras(Object v, int cap, boolean sample, boolean hashes) {
    CaptureOptions options =
        new CaptureOptions(null, CaptureMode.AUTO, false, 256, cap).keeping(sample, hashes);
    return summaries.withExtras(summaries.summarize(v, cap), v, options);
  }

  private ValueSummary texts(Object v, int cap, int maxLength) {
    CaptureOptions options =
        new CaptureOptions(null, CaptureMode.AUTO, false, maxLength, 1).keepingTexts(cap);
    return summaries.withExtras(summaries.summarize(v, options.sampleCap()), v, options);
  }

  @Test
  void textsKeepEveryStrideElementWithNullsInPlaceSoParallelCollectionsLineUp() {
    List<String> ids = new ArrayList<>(Arrays.asList("t0", null, "t2", "a-much-longer-id", "t4"));
    double[] scores = {0.1, 0.25, 3, 0.75, -2};
    // A task's max_pairs (5) wins over the variable's sample_cap (1).
    assertEquals(Arrays.asList("t0", null, "t2", "a-much", "t4"), texts(ids, 5, 6).texts());
    assertEquals(List.of("0.1", "0.25", "3", "0.75", "-2"), texts(scores, 5, 6).texts());
    // cap 2 of 5: indices 0 and floor(5 / 2) = 2 in both; the summary says 2 of 5 were read.
    ValueSummary cut = texts(ids, 2, 256);
    assertEquals(Arrays.asList("t0", "t2"), cut.texts());
    assertEquals(5, cut.count());
    assertEquals(2, cut.sampled());
    assertEquals(List.of("0.1", "3"), texts(scores, 2, 256).texts());
    assertNull(texts(ids, 5, 6).sample(), "no sample unless a trigger asks");
  }

  @Test
  void aMapATaskNamesCarriesItsKeysBesideItsValuesEntryByEntry() {
    java.util.Map<Object, Object> scores = new java.util.LinkedHashMap<>();
    scores.put("t1", 0.9);
    scores.put(42L, 0.25);
    scores.put("t3", null);
    scores.put(new Object(), 1.0); // a key a task cannot read: null in its place
    ValueSummary s = texts(scores, 10, 256);
    assertEquals(Arrays.asList("0.9", "0.25", null, "1"), s.texts());
    assertEquals(Arrays.asList("t1", "42", "t3", null), s.keys());
    // cut at the cap like any collection read from its head, keys and values alike
    ValueSummary cut = texts(scores, 2, 256);
    assertEquals(List.of("t1", "42"), cut.keys());
    assertEquals(List.of("0.9", "0.25"), cut.texts());
    // no task: no keys, and a list never has any
    assertNull(extras(scores, 8, true, false).keys());
    assertNull(texts(new ArrayList<>(List.of("a")), 5, 256).keys());
  }

  @Test
  void booleanPredictionsAndLabelsReachATaskAsTrueAndFalse() {
    assertEquals(
        List.of("true", "false", "true"), texts(new boolean[] {true, false, true}, 5, 256).texts());
    assertEquals(
        Arrays.asList("false", null, "true"),
        texts(new ArrayList<>(Arrays.asList(false, null, true)), 5, 256).texts());
    assertArrayEquals(
        new double[] {1, 0, 1}, extras(new boolean[] {true, false, true}, 8, true, false).sample());
  }

  @Test
  void theSampleHoldsTheSummarysStrideElements() {
    double[] a = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
    // cap 4 of 10: indices floor(k * 10 / 4) = 0, 2, 5, 7
    ValueSummary s = extras(a, 4, true, false);
    assertArrayEquals(new double[] {10, 12, 15, 17}, s.sample());
    assertNull(s.hashes());
    assertEquals(4, s.sampled());
  }

  @Test
  void nullsAreDroppedAndNaNKept() {
    List<Double> values = new ArrayList<>(Arrays.asList(1.0, null, Double.NaN, 3.0));
    ValueSummary s = extras(values, 1024, true, true);
    assertArrayEquals(new double[] {1, Double.NaN, 3}, s.sample());
    assertEquals(3, s.hashes().length);
    assertEquals(HASH_OF_ONE, s.hashes()[0]);
  }

  @Test
  void integersLongsAndDoublesOfOneValueHashAlikeAndMinusZeroIsZero() {
    assertEquals(HASH_OF_ONE, extras(new int[] {1}, 8, false, true).hashes()[0]);
    assertEquals(HASH_OF_ONE, extras(new long[] {1}, 8, false, true).hashes()[0]);
    assertEquals(HASH_OF_ONE, extras(List.of(1.0), 8, false, true).hashes()[0]);
    assertEquals(SampleExtras.hashOf(0.0), SampleExtras.hashOf(-0.0));
  }

  @Test
  void stringsKeepTheirLengthAndHashTheirUtf8Bytes() {
    ValueSummary s = extras(new ArrayList<>(Arrays.asList("abc", null, "hello")), 1024, true, true);
    assertArrayEquals(new double[] {3, 5}, s.sample());
    assertEquals(HASH_OF_ABC, s.hashes()[0]);
    assertEquals(
        XxHash64.hash("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)), s.hashes()[1]);
  }

  @Test
  void headSampledCollectionsKeepTheFirstCapElements() {
    LinkedHashSet<Integer> set = new LinkedHashSet<>(List.of(5, 6, 7, 8, 9));
    ValueSummary s = extras(set, 3, true, false);
    assertEquals("head", s.sampling());
    assertArrayEquals(new double[] {5, 6, 7}, s.sample());
  }

  /** The stride sampler, counting the indices it hands out. */
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

  @Test
  void onlyVariablesATriggerNeedsPayForASecondPass() {
    CountingSampler sampler = new CountingSampler();
    ValueEncoder encoder =
        new ValueEncoder("a", new ObjectIds(), 256, 0, new ValueSummaries(sampler));
    double[] data = new double[100];
    CaptureOptions plain = new CaptureOptions(null, CaptureMode.AUTO, false, 256, 10);

    CapturedValue without = encoder.encode("x", plain, data);
    assertEquals(10, sampler.visits, "one pass of cap indices, as before triggers existed");
    assertNull(without.summary().sample());
    assertNull(without.summary().hashes());

    CapturedValue with = encoder.encode("x", plain.keeping(true, false), data);
    assertEquals(30, sampler.visits, "a second pass of cap indices for the sample");
    assertEquals(10, with.summary().sample().length);
    assertEquals(
        without.summary(), with.summary().withExtras(null, null), "the moments are unchanged");
  }
}
