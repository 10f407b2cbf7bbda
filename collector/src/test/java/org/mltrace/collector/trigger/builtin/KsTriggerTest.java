package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.sampled;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class KsTriggerTest {
  private final KsTrigger trigger = new KsTrigger();
  private final RunSnapshot reference = withOutputs("r1", sampled("fares", 1, 2, 3, 4));

  private TriggerResult eval(RunSnapshot cur, String threshold) {
    return trigger.evaluate(
        FakeContext.after(cur, "variable", "fares", "reference", "previous", "threshold", threshold)
            .history(reference));
  }

  @Test
  void largestGapBetweenTheEmpiricalDistributions() {
    // Reference {1, 2, 3, 4}, current {1, 1, 1, 3}:
    //   x = 1: F_cur = 3/4, F_ref = 1/4, gap 0.5
    //   x = 2: 3/4 vs 2/4, gap 0.25;  x = 3: 1 vs 3/4, 0.25;  x = 4: 1 vs 1, 0.  D = 0.5
    var cur = withOutputs("r2", sampled("fares", 1, 1, 1, 3));
    assertFail(eval(cur, "0.4"), 0.5, 0.4, EXACT);
    assertPass(eval(cur, "0.5"), 0.5, 0.5, EXACT);
  }

  @Test
  void samplesOfDifferentSizesAndNaNsDropped() {
    // Current {2.5, NaN}: NaN dropped, {2.5}.
    //   x = 1: 0 vs 1/4;  x = 2: 0 vs 2/4 (0.5);  x = 2.5: 1 vs 2/4 (0.5);  x = 3: 1 vs 3/4.
    //   D = 0.5
    var cur = withOutputs("r2", sampled("fares", 2.5, Double.NaN));
    assertFail(eval(cur, "0.1"), 0.5, 0.1, EXACT);
  }

  @Test
  void disjointAndIdenticalSamplesAreTheExtremes() {
    assertFail(eval(withOutputs("r2", sampled("fares", 10, 11)), "0.1"), 1, 0.1, EXACT);
    assertPass(eval(withOutputs("r2", sampled("fares", 4, 3, 2, 1)), "0.1"), 0, 0.1, EXACT);
  }

  @Test
  void aSampleOfOnlyNaNsIsAnError() {
    assertError(
        eval(withOutputs("r2", sampled("fares", Double.NaN)), "0.1"),
        "the sample of 'fares' holds no numbers (1 sampled");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("argument 'threshold' must be a fraction between 0 and 1, not '2'"),
        trigger.validate(
            TriggerArgs.of("variable", "f", "reference", "previous", "threshold", "2")));
    assertEquals(
        List.of("unknown argument 'bins'; expected variable, reference, threshold"),
        trigger.validate(TriggerArgs.of("variable", "f", "reference", "previous", "bins", "10")));
  }
}
