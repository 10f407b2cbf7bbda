package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.number;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class OverfittingTriggerTest {
  private static final double TOL = 1e-12;
  private final OverfittingTrigger trigger = new OverfittingTrigger();

  private TriggerResult eval(double train, double validation, String... more) {
    var run = withOutputs("r1", number("trainAcc", train), number("valAcc", validation));
    List<String> args =
        new java.util.ArrayList<>(List.of("train", "trainAcc", "validation", "valAcc"));
    args.addAll(List.of(more));
    return trigger.evaluate(FakeContext.after(run, args.toArray(String[]::new)));
  }

  @Test
  void gapOfTrainOverValidation() {
    // 0.98 - 0.90 = 0.08 > 0.05 (default)
    assertFail(eval(0.98, 0.90), 0.98 - 0.90, 0.05, TOL);
    // 0.93 - 0.90 = 0.03
    assertPass(eval(0.93, 0.90), 0.93 - 0.90, 0.05, TOL);
    assertPass(eval(0.98, 0.90, "max_gap", "0.1"), 0.98 - 0.90, 0.1, TOL);
  }

  @Test
  void validationAboveTrainIsANegativeGap() {
    assertPass(eval(0.85, 0.9), 0.85 - 0.9, 0.05, TOL);
  }

  @Test
  void aMetricThatIsNotANumberIsAnError() {
    var run = withOutputs("r1", number("trainAcc", 0.9), Runs.text("valAcc", "n/a"));
    assertError(
        trigger.evaluate(FakeContext.after(run, "train", "trainAcc", "validation", "valAcc")),
        "overfitting needs 'valAcc' to be a number; it holds a STRING");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of(
            "missing argument 'validation' (the captured validation metric, e.g."
                + " valAccuracy)"),
        trigger.validate(TriggerArgs.of("train", "a")));
    assertEquals(
        List.of(
            "argument 'max_gap' must be a number, not 'small'",
            "unknown argument 'variable'; expected train, validation, max_gap"),
        trigger.validate(
            TriggerArgs.of("train", "a", "validation", "b", "max_gap", "small", "variable", "x")));
  }
}
