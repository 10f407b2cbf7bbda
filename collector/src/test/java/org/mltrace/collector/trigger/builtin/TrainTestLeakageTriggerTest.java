package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertMessageContains;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;
import static org.mltrace.collector.trigger.builtin.Runs.hashed;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class TrainTestLeakageTriggerTest {
  private final TrainTestLeakageTrigger trigger = new TrainTestLeakageTrigger();

  private TriggerResult eval(CapturedData train, CapturedData test, String... more) {
    var run = Runs.withInputs("r1", train, test);
    List<String> args = new java.util.ArrayList<>(List.of("variable", "train", "other", "test"));
    args.addAll(List.of(more));
    return trigger.evaluate(FakeContext.before(run, args.toArray(String[]::new)));
  }

  @Test
  void shareOfTheDistinctTestElementsFoundInTraining() {
    // train {1, 2, 3, 4, 5}; test {4, 5, 6, 7, 7}: distinct test {4, 5, 6, 7}, shared {4, 5}:
    // 2 / 4 = 0.5
    var train = hashed("train", 1, 2, 3, 4, 5);
    var test = hashed("test", 4, 5, 6, 7, 7);
    TriggerResult r = eval(train, test);
    assertFail(r, 0.5, 0, EXACT);
    assertMessageContains(r, "2 of 4 distinct 'test' elements also in 'train'");
    assertPass(eval(train, test, "max_overlap", "0.5"), 0.5, 0.5, EXACT);
  }

  @Test
  void disjointSetsPassTheDefault() {
    assertPass(eval(hashed("train", 1, 2), hashed("test", 3)), 0, 0, EXACT);
  }

  @Test
  void sampledCollectionsGiveALowerBound() {
    var summary = new CapturedData.Summary("number", "stride", 1000, 2, 0, 0, 1, 2, 1.5, 0.5, 2);
    var train =
        new CapturedData(
            "train", "POINTER", "mem:t", "mem:t", 1000L, summary, null, new long[] {1, 2});
    TriggerResult r = eval(train, hashed("test", 2, 3));
    assertFail(r, 0.5, 0, EXACT);
    assertMessageContains(r, "(sampled: at least)");
  }

  @Test
  void missingHashesSayWhatIsMissing() {
    var test = Runs.sampled("test", 1, 2);
    assertError(
        eval(hashed("train", 1), test),
        "train_test_leakage needs the agent to capture element hashes of 'test'");
    var run = Runs.withInputs("r1", hashed("train", 1));
    assertError(
        trigger.evaluate(FakeContext.before(run, "variable", "train", "other", "test")),
        "no variable 'test'");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of(
            "missing argument 'other' (the captured test collection to compare with the"
                + " training one)"),
        trigger.validate(TriggerArgs.of("variable", "train")));
    assertEquals(
        List.of("argument 'max_overlap' must be a fraction between 0 and 1, not '2'"),
        trigger.validate(TriggerArgs.of("variable", "a", "other", "b", "max_overlap", "2")));
  }
}
