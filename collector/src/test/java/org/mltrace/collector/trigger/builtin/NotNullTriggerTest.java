package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.numbers;
import static org.mltrace.collector.trigger.builtin.Runs.summarized;
import static org.mltrace.collector.trigger.builtin.Runs.withInputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.TriggerArgs;

class NotNullTriggerTest {
  private final NotNullTrigger trigger = new NotNullTrigger();

  // 1000 sampled, 30 nulls + 20 NaNs: (30 + 20) / 1000 = 0.05.
  private final org.mltrace.collector.trigger.RunSnapshot run =
      withInputs("r1", summarized("rawFares", numbers(1000, 30, 20, 1, 90, 12, 4)));

  @Test
  void fractionAtTheBoundPasses() {
    assertPass(
        trigger.evaluate(FakeContext.before(run, "variable", "rawFares", "max_fraction", "0.05")),
        0.05,
        0.05,
        EXACT);
  }

  @Test
  void fractionAboveTheBoundFails() {
    assertFail(
        trigger.evaluate(FakeContext.before(run, "variable", "rawFares", "max_fraction", "0.04")),
        0.05,
        0.04,
        EXACT);
  }

  @Test
  void defaultBoundIsZero() {
    assertFail(trigger.evaluate(FakeContext.before(run, "variable", "rawFares")), 0.05, 0, EXACT);
    var clean = withInputs("r2", summarized("rawFares", numbers(10, 0, 0, 1, 9, 5, 2)));
    assertPass(trigger.evaluate(FakeContext.before(clean, "variable", "rawFares")), 0, 0, EXACT);
  }

  @Test
  void aNullScalarIsOneOfOne() {
    var r = withInputs("r3", Runs.nullValue("model"));
    assertFail(trigger.evaluate(FakeContext.before(r, "variable", "model")), 1, 0, EXACT);
    var ok = withInputs("r4", Runs.number("rate", 0.3));
    assertPass(trigger.evaluate(FakeContext.before(ok, "variable", "rate")), 0, 0, EXACT);
  }

  @Test
  void beforeRunLooksAtInputsOnly() {
    var r = Runs.withOutputs("r5", summarized("rawFares", numbers(10, 0, 0, 1, 9, 5, 2)));
    assertError(
        trigger.evaluate(FakeContext.before(r, "variable", "rawFares")),
        "no variable 'rawFares'",
        "inputs");
  }

  @Test
  void absentVariableIsAnError() {
    var r = withInputs("r6", Runs.absent("rawFares"));
    assertError(trigger.evaluate(FakeContext.before(r, "variable", "rawFares")), "absent");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("missing argument 'variable' (the captured variable to check)"),
        trigger.validate(TriggerArgs.of("max_fraction", "0.1")));
    assertEquals(
        List.of("argument 'max_fraction' must be a fraction between 0 and 1, not '1.5'"),
        trigger.validate(TriggerArgs.of("variable", "x", "max_fraction", "1.5")));
    assertEquals(
        List.of("argument 'max_fraction' must be a number, not 'lots'"),
        trigger.validate(TriggerArgs.of("variable", "x", "max_fraction", "lots")));
    assertEquals(
        List.of("unknown argument 'max_fractoin'; expected variable, max_fraction"),
        trigger.validate(TriggerArgs.of("variable", "x", "max_fractoin", "0.1")));
    assertEquals(List.of(), trigger.validate(TriggerArgs.of("variable", "x")));
  }

  @Test
  void malformedArgumentAtEvaluationIsAnError() {
    assertError(
        trigger.evaluate(FakeContext.before(run, "variable", "rawFares", "max_fraction", "lots")),
        "not_null: argument 'max_fraction' must be a number");
  }
}
