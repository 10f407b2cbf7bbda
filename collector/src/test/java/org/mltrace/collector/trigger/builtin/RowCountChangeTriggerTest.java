package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertMessageContains;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Results.assertSkipped;
import static org.mltrace.collector.trigger.builtin.Runs.numbers;
import static org.mltrace.collector.trigger.builtin.Runs.summarized;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class RowCountChangeTriggerTest {
  private final RowCountChangeTrigger trigger = new RowCountChangeTrigger();

  private static RunSnapshot rows(String id, long count) {
    return withOutputs(id, summarized("trips", numbers(count, 0, 0, 1, 2, 1.5, 0.5)));
  }

  @Test
  void relativeChangeAgainstThePreviousRun() {
    // 1000 -> 1400: |1400 - 1000| / 1000 = 0.4
    var ctx =
        FakeContext.after(rows("r2", 1400), "variable", "trips", "max_change", "0.5")
            .history(rows("r1", 1000), rows("r0", 10));
    TriggerResult r = trigger.evaluate(ctx);
    assertPass(r, 0.4, 0.5, EXACT);
    assertMessageContains(r, "previous run r1");
  }

  @Test
  void aDropBeyondTheBoundFails() {
    // 1000 -> 400: |400 - 1000| / 1000 = 0.6
    var ctx =
        FakeContext.after(rows("r2", 400), "variable", "trips", "max_change", "0.5")
            .history(rows("r1", 1000));
    assertFail(trigger.evaluate(ctx), 0.6, 0.5, EXACT);
  }

  @Test
  void aPreviousRunWithoutTheVariableIsSkipped() {
    // r1 failed before producing trips; r0 had 800: |1000 - 800| / 800 = 0.25
    var failed = withOutputs("r1", Runs.absent("trips"));
    var ctx =
        FakeContext.after(rows("r2", 1000), "variable", "trips", "max_change", "0.2")
            .history(failed, rows("r0", 800));
    assertFail(trigger.evaluate(ctx), 0.25, 0.2, EXACT);
  }

  @Test
  void fromZeroRowsIsUnbounded() {
    var ctx =
        FakeContext.after(rows("r2", 5), "variable", "trips", "max_change", "10")
            .history(rows("r1", 0));
    TriggerResult r = trigger.evaluate(ctx);
    assertEquals(TriggerResult.Status.FAIL, r.status());
    assertNull(r.value());
    var same =
        FakeContext.after(rows("r3", 0), "variable", "trips", "max_change", "0")
            .history(rows("r1", 0));
    assertPass(trigger.evaluate(same), 0, 0, EXACT);
  }

  @Test
  void theFirstRunHasNothingToCompareWith() {
    var ctx = FakeContext.after(rows("r1", 5), "variable", "trips", "max_change", "0.5");
    assertSkipped(trigger.evaluate(ctx), "no earlier run of featurize has 'trips' with a summary");
  }

  @Test
  void aScalarHasNoCount() {
    var ctx =
        FakeContext.after(
            withOutputs("r1", Runs.number("trips", 3)), "variable", "trips", "max_change", "0.5");
    assertError(trigger.evaluate(ctx), "needs the element count of 'trips'", "DOUBLE");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of(
            "missing argument 'max_change' (the largest relative change allowed, e.g. 0.5"
                + " for +/-50%)"),
        trigger.validate(TriggerArgs.of("variable", "trips")));
    assertEquals(
        List.of("argument 'max_change' must be a number >= 0, not '-1'"),
        trigger.validate(TriggerArgs.of("variable", "trips", "max_change", "-1")));
  }
}
