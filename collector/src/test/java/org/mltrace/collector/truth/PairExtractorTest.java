package org.mltrace.collector.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.truth.TaskEvents.collection;
import static org.mltrace.collector.truth.TaskEvents.list;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.RunBuilder;

/** What a run's captured values give a task, and that what they cannot give is counted. */
class PairExtractorTest {
  private static PairExtractor.Extracted extract(RunEvent run) {
    return PairExtractor.extract(run, "score", "ids", "scores");
  }

  @Test
  void parallelCollectionsPairByPositionAndNullsOrJunkAreCountedUnusable() {
    RunEvent run =
        RunBuilder.run("r", "predict")
            .output(collection("ids", list("a", null, "c", "d"), "string"))
            .output(collection("scores", list("0.5", "0.25", "x", "1"), "number"))
            .build();
    PairExtractor.Extracted x = extract(run);
    assertEquals(
        List.of(new PairExtractor.Pair("a", 0.5), new PairExtractor.Pair("d", 1.0)), x.pairs());
    assertEquals(2, x.unusable());
    assertEquals(0, x.cut());
  }

  @Test
  void aMapNamedAsBothIdAndValuePairsItsKeysWithItsValues() {
    RunEvent run =
        TaskEvents.mapPredictions("r", 1, list("a", null, "c"), list("0.5", "0.25", "1"));
    PairExtractor.Extracted x = PairExtractor.extract(run, "score", "scores", "scores");
    assertEquals(
        List.of(new PairExtractor.Pair("a", 0.5), new PairExtractor.Pair("c", 1.0)), x.pairs());
    assertEquals(1, x.unusable(), "the null key");
  }

  @Test
  void booleanPredictionsOfABinaryTaskPairAsOnesAndZeros() {
    // What the agent captures for a boolean[] or a List<Boolean> a task names.
    RunEvent run =
        RunBuilder.run("r", "predict")
            .output(collection("ids", list("a", "b", "c"), "string"))
            .output(collection("tipped", list("true", "false", null), "boolean"))
            .build();
    PairExtractor.Extracted x = PairExtractor.extract(run, "binary", "ids", "tipped");
    assertEquals(
        List.of(new PairExtractor.Pair("a", 1.0), new PairExtractor.Pair("b", 0.0)), x.pairs());
    assertEquals(1, x.unusable());
  }

  @Test
  void elementsPastMaxPairsAreCountedAsCut() {
    ValueSummary ids =
        new ValueSummary("string", "stride", 10, 2, 0, 0, 1, 1, 1, 0, 2).withTexts(list("a", "f"));
    ValueSummary scores =
        new ValueSummary("number", "stride", 10, 2, 0, 0, 0, 1, 0.5, 0, 2)
            .withTexts(list("0", "1"));
    RunEvent run =
        RunBuilder.run("r", "predict")
            .output(
                new CapturedValue(
                    "ids",
                    ValueKind.POINTER,
                    "mem://1",
                    "data",
                    "java.util.ArrayList",
                    10,
                    ids,
                    null))
            .output(
                new CapturedValue(
                    "scores", ValueKind.POINTER, "mem://2", "data", "[D", 10, scores, null))
            .build();
    PairExtractor.Extracted x = extract(run);
    assertEquals(2, x.pairs().size());
    assertEquals(8, x.cut());
  }

  @Test
  void collectionsOfDifferentLengthsAFailedRunOrAMissingVariableGiveNoPairButACount() {
    RunEvent mismatched =
        RunBuilder.run("r", "predict")
            .output(collection("ids", list("a", "b", "c"), "string"))
            .output(collection("scores", list("0.5", "0.25"), "number"))
            .build();
    assertEquals(new PairExtractor.Extracted(List.of(), 0, 3), extract(mismatched));
    RunEvent failed =
        RunBuilder.run("f", "predict")
            .input(RunBuilder.string("ids", "a"))
            .output(CapturedValue.absent("scores"))
            .failedWith("java.lang.IllegalStateException", "boom")
            .build();
    assertEquals(new PairExtractor.Extracted(List.of(), 0, 1), extract(failed));
    RunEvent scalar =
        RunBuilder.run("s", "predict")
            .input(RunBuilder.string("ids", "t-1"))
            .output(new CapturedValue("scores", ValueKind.DOUBLE, "0.75", null, "double", -1))
            .build();
    assertEquals(List.of(new PairExtractor.Pair("t-1", 0.75)), extract(scalar).pairs());
  }
}
