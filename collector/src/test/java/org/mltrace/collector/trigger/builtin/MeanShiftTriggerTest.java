package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.numbers;
import static org.mltrace.collector.trigger.builtin.Runs.sampled;
import static org.mltrace.collector.trigger.builtin.Runs.summarized;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class MeanShiftTriggerTest {
  private final MeanShiftTrigger trigger = new MeanShiftTrigger();

  private static RunSnapshot meanAndStddev(String id, double mean, double stddev) {
    return withOutputs(id, summarized("fares", numbers(100, 0, 0, 0, 50, mean, stddev)));
  }

  @Test
  void shiftInReferenceStddevsFromTheSummaries() {
    // |12 - 10| / 4 = 0.5
    var ctx =
        FakeContext.after(meanAndStddev("r2", 12, 3), "variable", "fares", "reference", "previous")
            .history(meanAndStddev("r1", 10, 4));
    assertPass(trigger.evaluate(ctx), 0.5, 1.0, EXACT);
    var strict =
        FakeContext.after(
                meanAndStddev("r2", 12, 3),
                "variable",
                "fares",
                "reference",
                "previous",
                "threshold",
                "0.4")
            .history(meanAndStddev("r1", 10, 4));
    assertFail(trigger.evaluate(strict), 0.5, 0.4, EXACT);
  }

  @Test
  void lastNCombinesTheSummariesAsOnePool() {
    // r1 {1, 3}: mean 2, stddev 1; r0 {5, 7, NaN}: mean 6, stddev 1 (the NaN not counted).
    // Pool {1, 3, 5, 7}: M = (2 * 2 + 2 * 6) / 4 = 4;
    //   S^2 = (2 * (1 + 4) + 2 * (1 + 36)) / 4 - 16 = 21 - 16 = 5 (directly: (9+1+1+9)/4 = 5).
    // Current {6, 7}: mean 6.5. Shift = |6.5 - 4| / sqrt(5) = 2.5 / 2.236068 = 1.118034
    var ctx =
        FakeContext.after(
                withOutputs("r2", sampled("fares", 6, 7)),
                "variable",
                "fares",
                "reference",
                "last:2")
            .history(
                withOutputs("r1", sampled("fares", 1, 3)),
                withOutputs("r0", sampled("fares", 5, 7, Double.NaN)));
    TriggerResult r = trigger.evaluate(ctx);
    assertFail(r, 2.5 / Math.sqrt(5), 1.0, EXACT);
    assertEquals(1.118034, r.value(), 1e-6);
  }

  @Test
  void aConstantReferenceMakesAnyMoveUnbounded() {
    var moved =
        FakeContext.after(meanAndStddev("r2", 3, 1), "variable", "fares", "reference", "previous")
            .history(meanAndStddev("r1", 2, 0));
    TriggerResult r = trigger.evaluate(moved);
    assertEquals(TriggerResult.Status.FAIL, r.status());
    assertNull(r.value());
    var still =
        FakeContext.after(meanAndStddev("r2", 2, 0), "variable", "fares", "reference", "previous")
            .history(meanAndStddev("r1", 2, 0));
    assertPass(trigger.evaluate(still), 0, 1.0, EXACT);
  }

  @Test
  void stringsHaveNoMean() {
    var strings = new CapturedData.Summary("string", "all", 3, 3, 0, 0, 1, 5, 3, 1, 3);
    var ctx =
        FakeContext.after(
                withOutputs("r2", summarized("fares", strings)),
                "variable",
                "fares",
                "reference",
                "previous")
            .history(meanAndStddev("r1", 2, 1));
    assertError(trigger.evaluate(ctx), "'fares' in the run holds no numbers (elements: string");
  }

  @Test
  void aScalarHasNoSummary() {
    var ctx =
        FakeContext.after(
                withOutputs("r2", Runs.number("fares", 3)),
                "variable",
                "fares",
                "reference",
                "previous")
            .history(meanAndStddev("r1", 2, 1));
    assertError(trigger.evaluate(ctx), "mean_shift needs a summary of 'fares'", "DOUBLE");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("argument 'threshold' must be a number >= 0, not '-0.5'"),
        trigger.validate(
            TriggerArgs.of("variable", "f", "reference", "previous", "threshold", "-0.5")));
    assertEquals(
        List.of("argument 'reference' is given both as 'previous' and as a mapping; use one"),
        trigger.validate(
            TriggerArgs.of(
                "variable", "f", "reference", "previous", "reference.component", "train")));
  }
}
