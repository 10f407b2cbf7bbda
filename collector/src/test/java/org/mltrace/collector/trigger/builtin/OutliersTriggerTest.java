package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertMessageContains;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.sampled;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class OutliersTriggerTest {
  private final OutliersTrigger trigger = new OutliersTrigger();

  // Nine 1s and one 11: mean = 20 / 10 = 2; squared deviations 9 * 1 + 81 = 90,
  // variance 90 / 10 = 9, stddev 3; the 11 has z = (11 - 2) / 3 = 3, the 1s z = 1/3.
  private final RunSnapshot ones =
      withOutputs("r1", sampled("fares", 1, 1, 1, 1, 1, 1, 1, 1, 1, 11));

  private TriggerResult eval(RunSnapshot run, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("variable", "fares"));
    all.addAll(List.of(args));
    return trigger.evaluate(FakeContext.after(run, all.toArray(String[]::new)));
  }

  @Test
  void zscoreCountsOnlyValuesStrictlyBeyondZ() {
    // z = 3: 11 is at exactly 3, not beyond: 0 outliers.
    assertPass(eval(ones, "z", "3"), 0, 0.01, EXACT);
    // z = 2.5: the 11 is beyond: 1 of 10 = 0.1.
    TriggerResult r = eval(ones, "z", "2.5");
    assertFail(r, 0.1, 0.01, EXACT);
    assertMessageContains(r, "(mean 2, stddev 3)");
    assertPass(eval(ones, "z", "2.5", "max_fraction", "0.1"), 0.1, 0.1, EXACT);
  }

  @Test
  void iqrFencesFromInterpolatedQuartiles() {
    // {1..9, 100}, n = 10: Q1 at position 0.25 * 9 = 2.25: 3 + 0.25 * (4 - 3) = 3.25;
    // Q3 at 0.75 * 9 = 6.75: 7 + 0.75 * (8 - 7) = 7.75; IQR = 4.5.
    // k = 1.5: fences 3.25 - 6.75 = -3.5 and 7.75 + 6.75 = 14.5: only 100 is outside, 1 of 10.
    var r = withOutputs("r1", sampled("fares", 1, 2, 3, 4, 5, 6, 7, 8, 9, 100));
    TriggerResult res = eval(r, "method", "iqr");
    assertFail(res, 0.1, 0.01, EXACT);
    assertMessageContains(res, "outside [-3.5, 14.5] (Q1 3.25, Q3 7.75, k 1.5)");
    // k = 0.2: fences 3.25 - 0.9 = 2.35 and 7.75 + 0.9 = 8.65: 1, 2, 9, 100 outside, 4 of 10.
    assertFail(eval(r, "method", "iqr", "k", "0.2", "max_fraction", "0.3"), 0.4, 0.3, EXACT);
  }

  @Test
  void aConstantSampleHasNoOutliers() {
    assertPass(eval(withOutputs("r1", sampled("fares", 5, 5, 5))), 0, 0.01, EXACT);
  }

  @Test
  void nansAreLeftOutOfTheFraction() {
    // {1 x 9, 11, NaN}: as above once the NaN is dropped, 1 of 10 beyond z = 2.5.
    var r = withOutputs("r1", sampled("fares", 1, 1, 1, 1, 1, 1, 1, 1, 1, 11, Double.NaN));
    assertFail(eval(r, "z", "2.5"), 0.1, 0.01, EXACT);
  }

  @Test
  void missingSampleIsAnError() {
    var r = withOutputs("r1", Runs.summarized("fares", Runs.numbers(10, 0, 0, 1, 2, 1.5, 0.5)));
    assertError(eval(r), "outliers needs the agent to capture a sample of 'fares'");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("argument 'method' must be one of zscore, iqr, not 'mad'"),
        trigger.validate(TriggerArgs.of("variable", "f", "method", "mad")));
    assertEquals(
        List.of(
            "argument 'z' must be a number > 0, not '0'",
            "argument 'k' must be a number >= 0, not '-1'"),
        trigger.validate(TriggerArgs.of("variable", "f", "z", "0", "k", "-1")));
    assertEquals(
        List.of("argument 'max_fraction' must be a fraction between 0 and 1, not '5'"),
        trigger.validate(TriggerArgs.of("variable", "f", "max_fraction", "5")));
  }
}
