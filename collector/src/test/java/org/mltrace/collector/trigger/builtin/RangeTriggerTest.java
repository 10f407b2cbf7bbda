package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.numbers;
import static org.mltrace.collector.trigger.builtin.Runs.summarized;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;

class RangeTriggerTest {
  private final RangeTrigger trigger = new RangeTrigger();

  // Sampled values span [2.5, 80]: min and max straight from the summary.
  private final RunSnapshot run =
      withOutputs("r1", summarized("fares", numbers(100, 0, 0, 2.5, 80, 20, 10)));

  @Test
  void withinBothBoundsPassesReportingTheMaxSide() {
    assertPass(
        trigger.evaluate(FakeContext.after(run, "variable", "fares", "min", "0", "max", "100")),
        80,
        100,
        EXACT);
  }

  @Test
  void onlyAMinReportsTheMinSide() {
    assertPass(
        trigger.evaluate(FakeContext.after(run, "variable", "fares", "min", "2.5")),
        2.5,
        2.5,
        EXACT);
  }

  @Test
  void belowTheMinFailsWithTheObservedMin() {
    assertFail(
        trigger.evaluate(FakeContext.after(run, "variable", "fares", "min", "3", "max", "100")),
        2.5,
        3,
        EXACT);
  }

  @Test
  void aboveTheMaxFailsWithTheObservedMax() {
    assertFail(
        trigger.evaluate(FakeContext.after(run, "variable", "fares", "max", "79.5")),
        80,
        79.5,
        EXACT);
  }

  @Test
  void aScalarIsItsOwnMinAndMax() {
    var r = withOutputs("r2", Runs.number("rate", 1.2));
    assertFail(
        trigger.evaluate(FakeContext.after(r, "variable", "rate", "max", "1")), 1.2, 1, EXACT);
  }

  @Test
  void stringsHaveNoNumericRange() {
    var strings = new CapturedData.Summary("string", "all", 3, 3, 0, 0, 1, 5, 3, 1, 3);
    var r = withOutputs("r3", summarized("names", strings));
    assertError(
        trigger.evaluate(FakeContext.after(r, "variable", "names", "max", "1")),
        "no numbers",
        "elements: string");
    var t = withOutputs("r4", Runs.text("label", "high"));
    assertError(
        trigger.evaluate(FakeContext.after(t, "variable", "label", "max", "1")),
        "needs 'label' to be a number",
        "STRING");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("range needs at least one of the arguments 'min' and 'max'"),
        trigger.validate(TriggerArgs.of("variable", "x")));
    assertEquals(
        List.of("argument 'min' (5) is greater than 'max' (1)"),
        trigger.validate(TriggerArgs.of("variable", "x", "min", "5", "max", "1")));
    assertEquals(
        List.of("argument 'max' must be a number, not 'high'"),
        trigger.validate(TriggerArgs.of("variable", "x", "max", "high")));
    assertEquals(
        List.of("missing argument 'variable' (the captured variable to check)"),
        trigger.validate(TriggerArgs.of("max", "1")));
  }
}
