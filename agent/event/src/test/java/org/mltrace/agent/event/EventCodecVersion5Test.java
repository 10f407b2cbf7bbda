package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format version 5: task events and summaries carrying their elements as texts. */
class EventCodecVersion5Test {
  private static final ValueSummary IDS =
      new ValueSummary("string", "all", 3, 3, 1, 0, 2, 2, 2, 0, 2);

  static TaskEvent task() {
    return new TaskEvent(
        "tips",
        TaskEvent.SCORE,
        0.5,
        "predict",
        "tripIds",
        "scores",
        "feedback",
        "tripId",
        "tipped",
        7 * 86400,
        0,
        10_000,
        List.of(
            new TaskEvent.Sla("recall", ">=", 0.9, true, "taxi.yaml:40"),
            new TaskEvent.Sla("auc", ">", 0.7, false, null)),
        "taxi.yaml:30");
  }

  @Test
  void aTaskRoundTripsEveryField() {
    TaskEvent t = task();
    assertEquals(t, EventCodec.decode(EventCodec.encode(t)));
    TaskEvent fileOnly =
        new TaskEvent(
            "mae",
            TaskEvent.REGRESSION,
            Double.NaN,
            "price",
            "id",
            "return",
            null,
            null,
            null,
            0,
            100,
            5,
            List.of(),
            null);
    TaskEvent decoded = (TaskEvent) EventCodec.decode(EventCodec.encode(fileOnly));
    assertEquals(fileOnly, decoded);
    assertNull(decoded.feedbackComponent());
  }

  @Test
  void everyTruncationOfATaskIsRejected() {
    byte[] bytes = EventCodec.encode(task());
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(
          MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
  }

  @Test
  void aTaskInAnOlderVersionIsRejected() {
    byte[] bytes = EventCodec.encode(task());
    bytes[0] = 4;
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
  }

  @Test
  void textsRoundTripWithTheirNullsInPlace() {
    ValueSummary withTexts = IDS.withTexts(Arrays.asList("t1", null, "t3"));
    RunEvent run = runWith(withTexts);
    RunEvent decoded = (RunEvent) EventCodec.decode(EventCodec.encode(run));
    assertEquals(run, decoded);
    assertEquals(Arrays.asList("t1", null, "t3"), decoded.outputs().get(0).summary().texts());
  }

  @Test
  void textsInAVersion4EntryAreRejectedAsAnUnknownFlag() {
    byte[] bytes = EventCodec.encode(runWith(IDS.withTexts(List.of("a"))));
    bytes[0] = 4;
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
  }

  private static RunEvent runWith(ValueSummary summary) {
    CapturedValue ids =
        new CapturedValue(
            "tripIds",
            ValueKind.POINTER,
            "obj:1",
            "data",
            "java.util.ArrayList",
            3,
            summary,
            null,
            false);
    return new RunEvent(
        "a-1",
        "predict",
        "C#m()",
        "a",
        "h",
        1,
        "main",
        10,
        20,
        10,
        "v",
        null,
        false,
        null,
        null,
        List.of(),
        List.of(ids),
        0);
  }
}
