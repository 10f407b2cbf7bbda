package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;

class MetricThresholdTriggerTest {
  private final MetricThresholdTrigger trigger = new MetricThresholdTrigger();
  private final RunSnapshot run = withOutputs("r1", Runs.number("accuracy", 0.9));

  private org.mltrace.collector.trigger.TriggerResult eval(String op, String value) {
    return trigger.evaluate(
        FakeContext.after(run, "variable", "accuracy", "op", op, "value", value));
  }

  @Test
  void everyOperatorOnBothSidesOfTheBound() {
    // accuracy = 0.9
    assertPass(eval(">=", "0.9"), 0.9, 0.9, EXACT);
    assertFail(eval(">=", "0.91"), 0.9, 0.91, EXACT);
    assertPass(eval(">", "0.89"), 0.9, 0.89, EXACT);
    assertFail(eval(">", "0.9"), 0.9, 0.9, EXACT);
    assertPass(eval("<=", "0.9"), 0.9, 0.9, EXACT);
    assertFail(eval("<=", "0.8"), 0.9, 0.8, EXACT);
    assertPass(eval("<", "1"), 0.9, 1, EXACT);
    assertFail(eval("<", "0.9"), 0.9, 0.9, EXACT);
    assertPass(eval("==", "0.9"), 0.9, 0.9, EXACT);
    assertFail(eval("==", "0.90001"), 0.9, 0.90001, EXACT);
  }

  @Test
  void messageStatesTheComparison() {
    assertEquals("accuracy = 0.9 violates accuracy >= 0.95", eval(">=", "0.95").message());
  }

  @Test
  void alertsByDefault() {
    assertTrue(trigger.alertsByDefault());
  }

  @Test
  void wholeNumbersCount() {
    var r = withOutputs("r2", Runs.whole("rows", 120));
    assertPass(
        trigger.evaluate(FakeContext.after(r, "variable", "rows", "op", ">", "value", "100")),
        120,
        100,
        EXACT);
  }

  @Test
  void aNonNumberIsAnError() {
    var r = withOutputs("r3", Runs.nullValue("accuracy"));
    assertError(
        trigger.evaluate(FakeContext.after(r, "variable", "accuracy", "op", ">=", "value", "0.9")),
        "needs 'accuracy' to be a number",
        "NULL");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("argument 'op' must be one of >=, >, <=, <, ==, not '=>'"),
        trigger.validate(TriggerArgs.of("variable", "a", "op", "=>", "value", "1")));
    assertEquals(
        List.of(
            "missing argument 'op' (the comparison: one of >=, >, <=, <, ==)",
            "missing argument 'value' (the bound to compare with)"),
        trigger.validate(TriggerArgs.of("variable", "a")));
    assertEquals(
        List.of("argument 'value' must be a number, not 'high'"),
        trigger.validate(TriggerArgs.of("variable", "a", "op", ">", "value", "high")));
  }
}
