package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class KlDivergenceTriggerTest {
  private static final double TOL = 1e-12;
  private final KlDivergenceTrigger trigger = new KlDivergenceTrigger();
  private final RunSnapshot reference = withOutputs("r1", sampled("fares", 1, 2, 3, 4));

  private TriggerResult eval(RunSnapshot ref, RunSnapshot cur, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("variable", "fares", "reference", "previous", "bins", "2"));
    args.addAll(List.of(more));
    return trigger.evaluate(FakeContext.after(cur, args.toArray(String[]::new)).history(ref));
  }

  @Test
  void divergenceOfTheCurrentFromTheReference() {
    // Bins as in PsiTriggerTest: r = (0.5, 0.5); current {1, 1, 1, 3}: a = (0.75, 0.25).
    // KL = 0.75 ln(0.75 / 0.5) + 0.25 ln(0.25 / 0.5) = 0.75 * 0.405465 - 0.25 * 0.693147
    //    = 0.304099 - 0.173287 = 0.130812
    double expected = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
    assertEquals(0.130812, expected, 1e-6);
    var cur = withOutputs("r2", sampled("fares", 1, 1, 1, 3));
    assertFail(eval(reference, cur), expected, 0.1, TOL);
    assertPass(eval(reference, cur, "threshold", "0.2"), expected, 0.2, TOL);
  }

  @Test
  void epsilonSmoothsAnEmptyCurrentBin() {
    // Current {1, 1, 2, 2}: a = (1, 0) -> (1, eps).
    // eps = 1e-4: KL = 1 ln(1 / 0.5) + 1e-4 ln(1e-4 / 0.5) = 0.693147 - 0.000852 = 0.692295
    // eps = 0.01: KL = ln 2 + 0.01 ln(0.01 / 0.5) = 0.693147 - 0.039120 = 0.654027
    var cur = withOutputs("r2", sampled("fares", 1, 1, 2, 2));
    assertFail(eval(reference, cur), Math.log(2) + 1e-4 * Math.log(1e-4 / 0.5), 0.1, TOL);
    assertFail(
        eval(reference, cur, "epsilon", "0.01"), Math.log(2) + 0.01 * Math.log(0.02), 0.1, TOL);
  }

  @Test
  void massWhereTheReferenceHadNoneWeighsMost() {
    // Reference {1, 2, 2, 2}: cut sorted[1] = 2; (-inf, 2] holds all 4, (2, +inf) none:
    // r = (1, eps). Current {3, 3, 3, 3}: a = (eps, 1).
    // KL = eps ln(eps / 1) + 1 ln(1 / eps) = 1e-4 * (-9.210340) + 9.210340 = 9.209419
    var ref = withOutputs("r1", sampled("fares", 1, 2, 2, 2));
    var cur = withOutputs("r2", sampled("fares", 3, 3, 3, 3));
    double expected = 1e-4 * Math.log(1e-4) + Math.log(1 / 1e-4);
    assertEquals(9.209419, expected, 1e-6);
    assertFail(eval(ref, cur), expected, 0.1, TOL);
  }

  @Test
  void missingSampleIsAnError() {
    var cur = withOutputs("r2", Runs.number("fares", 3));
    assertError(
        eval(reference, cur), "kl_divergence needs the agent to capture a sample of" + " 'fares'");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of("argument 'epsilon' must be a number > 0, not '0'"),
        trigger.validate(TriggerArgs.of("variable", "f", "reference", "previous", "epsilon", "0")));
    assertEquals(
        List.of(
            "missing argument 'variable' (the captured variable whose distribution"
                + " to compare)"),
        trigger.validate(TriggerArgs.of("reference", "last:3")));
    assertEquals(
        List.of("argument 'bins' must be a whole number >= 2, not 'ten'"),
        trigger.validate(TriggerArgs.of("variable", "f", "reference", "previous", "bins", "ten")));
  }
}
