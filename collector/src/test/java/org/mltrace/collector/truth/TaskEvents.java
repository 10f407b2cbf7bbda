package org.mltrace.collector.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.testing.RunBuilder;

/** Task events and the runs that carry predictions and labels, as the agent writes them. */
final class TaskEvents {
  static final Instant T0 = Instant.ofEpochSecond(RunBuilder.T0_MICROS / 1_000_000);

  private TaskEvents() {}

  /** A score task on predict(tripIds -> scores) with labels from tip(tripId -> tipped). */
  static TaskEvent scoreTask(long windowSeconds, long windowLast, List<TaskEvent.Sla> slas) {
    return new TaskEvent(
        "tips",
        TaskEvent.SCORE,
        0.5,
        "predict",
        "tripIds",
        "scores",
        "tip",
        "tripId",
        "tipped",
        windowSeconds,
        windowLast,
        10_000,
        slas,
        "taxi.yaml:40");
  }

  /** A batch prediction run ending {@code endSeconds} after T0: parallel ids and scores. */
  static RunEvent predictions(
      String runId, double endSeconds, List<String> ids, List<String> scores) {
    return RunBuilder.run(runId, "predict")
        .at(endSeconds - 1, endSeconds)
        .output(collection("tripIds", ids, "string"))
        .output(collection("scores", scores, "number"))
        .build();
  }

  /** A batch scored as one map of trip id to score, as the agent captures a map a task names. */
  static RunEvent mapPredictions(
      String runId, double endSeconds, List<String> ids, List<String> scores) {
    CapturedValue map = collection("scores", scores, "number");
    return RunBuilder.run(runId, "predict")
        .at(endSeconds - 1, endSeconds)
        .output(
            new CapturedValue(
                map.name(),
                map.kind(),
                "mem://java.util.HashMap/scores",
                map.pointerType(),
                "java.util.HashMap",
                map.size(),
                map.summary().withKeys(ids),
                null,
                false))
        .build();
  }

  static CapturedValue collection(String name, List<String> texts, String elements) {
    long nulls = texts.stream().filter(t -> t == null).count();
    ValueSummary s =
        new ValueSummary(
                elements,
                "all",
                texts.size(),
                texts.size(),
                nulls,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                texts.size())
            .withTexts(texts);
    return new CapturedValue(
        name,
        ValueKind.POINTER,
        "mem://java.util.ArrayList/" + name,
        "data",
        "java.util.ArrayList",
        texts.size(),
        s,
        null,
        false);
  }

  /** One call of tip(String tripId, boolean tipped) ending {@code endSeconds} after T0. */
  static RunEvent tip(String runId, double endSeconds, String tripId, boolean tipped) {
    return RunBuilder.run(runId, "tip")
        .at(endSeconds - 1, endSeconds)
        .input(RunBuilder.string("tripId", tripId))
        .input(
            new CapturedValue(
                "tipped", ValueKind.BOOLEAN, String.valueOf(tipped), null, "boolean", -1))
        .build();
  }

  static List<String> list(String... texts) {
    return new ArrayList<>(Arrays.asList(texts));
  }
}
