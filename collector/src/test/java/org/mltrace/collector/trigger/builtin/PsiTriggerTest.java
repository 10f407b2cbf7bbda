package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertMessageContains;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Results.assertSkipped;
import static org.mltrace.collector.trigger.builtin.Runs.sampled;
import static org.mltrace.collector.trigger.builtin.Runs.withOutputs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class PsiTriggerTest {
  private static final double TOL = 1e-12;
  private final PsiTrigger trigger = new PsiTrigger();

  // Reference {1, 2, 3, 4} in 2 bins: the cut point is sorted[ceil(1 * 4 / 2) - 1] = sorted[1] = 2,
  // bins (-inf, 2] and (2, +inf) hold 2 and 2: r = (0.5, 0.5).
  // Current {1, 1, 1, 3}: 3 and 1: a = (0.75, 0.25).
  // PSI = (0.75 - 0.5) ln(0.75 / 0.5) + (0.25 - 0.5) ln(0.25 / 0.5)
  //     = 0.25 ln 1.5 + 0.25 ln 2 = 0.25 ln 3 = 0.274653072167027
  private static final double PSI = 0.25 * Math.log(3);

  private final RunSnapshot reference = withOutputs("r1", sampled("fares", 1, 2, 3, 4));
  private final RunSnapshot current = withOutputs("r2", sampled("fares", 1, 1, 1, 3));

  private TriggerResult previous(RunSnapshot run, String threshold) {
    return trigger.evaluate(
        FakeContext.after(
                run,
                "variable",
                "fares",
                "reference",
                "previous",
                "bins",
                "2",
                "threshold",
                threshold)
            .history(reference));
  }

  @Test
  void shiftAboveTheThresholdFails() {
    TriggerResult r = previous(current, "0.2");
    assertFail(r, PSI, 0.2, TOL);
    assertMessageContains(r, "previous run r1");
  }

  @Test
  void shiftWithinTheThresholdPasses() {
    assertPass(previous(current, "0.3"), PSI, 0.3, TOL);
  }

  @Test
  void anEmptyBinCountsAsEpsilon() {
    // Current {1, 1, 2, 2}: a = (1, 0) -> (1, 1e-4).
    // PSI = (1 - 0.5) ln(1 / 0.5) + (1e-4 - 0.5) ln(1e-4 / 0.5)
    //     = 0.5 * 0.693147 + (-0.4999) * (-8.517193) = 0.346574 + 4.257745 = 4.604318
    double expected = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    assertFail(
        previous(withOutputs("r2", sampled("fares", 1, 1, 2, 2)), "0.2"), expected, 0.2, TOL);
    assertEquals(4.604318, expected, 1e-6);
  }

  @Test
  void sameDistributionInFourQuantileBinsIsZero() {
    // Reference 1..8 in 4 bins: cuts sorted[1] = 2, sorted[3] = 4, sorted[5] = 6; each bin holds
    // 2 of 8 in both: every term is (0.25 - 0.25) ln 1 = 0.
    var ref = withOutputs("r1", sampled("fares", 8, 7, 6, 5, 4, 3, 2, 1));
    var cur = withOutputs("r2", sampled("fares", 1, 2, 3, 4, 5, 6, 7, 8));
    TriggerResult r =
        trigger.evaluate(
            FakeContext.after(cur, "variable", "fares", "reference", "previous", "bins", "4")
                .history(ref));
    assertPass(r, 0, 0.2, TOL);
    assertMessageContains(r, "over 4 bins");
  }

  @Test
  void lastNPoolsTheSamplesOfTheNewestRuns() {
    // last:2 pools r1 {1, 2} and r0 {3, 4} into {1, 2, 3, 4}: the same PSI as above; the older
    // r_old {100, 200} is not among the last 2.
    var ctx =
        FakeContext.after(current, "variable", "fares", "reference", "last:2", "bins", "2")
            .history(
                withOutputs("r1", sampled("fares", 1, 2)),
                withOutputs("r0", sampled("fares", 3, 4)),
                withOutputs("r_old", sampled("fares", 100, 200)));
    TriggerResult r = trigger.evaluate(ctx);
    assertFail(r, PSI, 0.2, TOL);
    assertMessageContains(r, "last 2 runs (4 sampled)");
  }

  @Test
  void anotherComponentsLatestRunIsTheReference() {
    // train's latest run t2 captured trainFares {1, 2, 3, 4}; t1, older, is not used.
    var t2 = Runs.run("t2", "train", List.of(sampled("trainFares", 1, 2, 3, 4)), List.of());
    var t1 = Runs.run("t1", "train", List.of(sampled("trainFares", 50, 60)), List.of());
    var ctx =
        FakeContext.after(
                current,
                "variable",
                "fares",
                "reference.component",
                "train",
                "reference.variable",
                "trainFares",
                "bins",
                "2")
            .other(t2, t1);
    TriggerResult r = trigger.evaluate(ctx);
    assertFail(r, PSI, 0.2, TOL);
    assertMessageContains(r, "train run t2 'trainFares'");
  }

  @Test
  void aPinnedRunIsTheReference() {
    var ctx =
        FakeContext.after(current, "variable", "fares", "reference", "run:r1", "bins", "2")
            .stored(reference);
    assertFail(trigger.evaluate(ctx), PSI, 0.2, TOL);
    var missing = FakeContext.after(current, "variable", "fares", "reference", "run:nope");
    assertError(trigger.evaluate(missing), "pinned reference run nope is not stored");
  }

  @Test
  void aRunWithoutASampleSaysWhatIsMissing() {
    var noSample = withOutputs("r2", Runs.summarized("fares", Runs.numbers(4, 0, 0, 1, 3, 2, 1)));
    TriggerResult r = previous(noSample, "0.2");
    assertError(
        r,
        "psi needs the agent to capture a sample of 'fares'; is the variable declared"
            + " as an input/output");
  }

  @Test
  void aReferenceWithoutASampleSaysWhatIsMissing() {
    var pinned = withOutputs("p", Runs.summarized("fares", Runs.numbers(4, 0, 0, 1, 3, 2, 1)));
    var ctx = FakeContext.after(current, "variable", "fares", "reference", "run:p").stored(pinned);
    assertError(
        trigger.evaluate(ctx),
        "reference run p of featurize has 'fares' but not with a" + " sample");
  }

  @Test
  void theFirstRunHasNoReferenceYetAndIsSkippedNotAnError() {
    var first = FakeContext.after(current, "variable", "fares", "reference", "previous");
    assertSkipped(trigger.evaluate(first), "no earlier run of featurize has 'fares' with a sample");
    var lastFive = FakeContext.after(current, "variable", "fares", "reference", "last:5");
    assertSkipped(trigger.evaluate(lastFive), "no earlier run of featurize has 'fares'");
    var otherComponent =
        FakeContext.after(current, "variable", "fares", "reference.component", "train");
    assertSkipped(trigger.evaluate(otherComponent), "component train has no run before this one");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of(
            "missing argument 'reference' (what to compare with: previous, last:N,"
                + " run:RUN_ID or {component: NAME, variable: NAME})"),
        trigger.validate(TriggerArgs.of("variable", "fares")));
    assertEquals(
        List.of("argument 'reference' is 'last:0'; last:N needs a whole number N >= 1"),
        trigger.validate(TriggerArgs.of("variable", "fares", "reference", "last:0")));
    assertEquals(
        List.of(
            "argument 'reference' must be previous, last:N, run:RUN_ID or {component: NAME,"
                + " variable: NAME}, not 'yesterday'"),
        trigger.validate(TriggerArgs.of("variable", "fares", "reference", "yesterday")));
    assertEquals(
        List.of("unknown key 'colour' in argument 'reference'; expected component and variable"),
        trigger.validate(
            TriggerArgs.of(
                "variable", "fares", "reference.component", "train", "reference.colour", "red")));
    assertEquals(
        List.of(
            "argument 'threshold' must be a number >= 0, not '-1'",
            "argument 'bins' must be a whole number >= 2, not '1'"),
        trigger.validate(
            TriggerArgs.of(
                "variable", "fares", "reference", "previous", "threshold", "-1", "bins", "1")));
    assertEquals(
        List.of(),
        trigger.validate(TriggerArgs.of("variable", "fares", "reference.component", "train")));
  }
}
