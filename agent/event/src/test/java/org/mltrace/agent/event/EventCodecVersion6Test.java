package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Format version 6: code sources, the jar a woven class came from. */
class EventCodecVersion6Test {
  static CodeSourceEvent source() {
    return new CodeSourceEvent(
        "a1b2",
        "predict",
        "ml.dmlc.xgboost4j.java.Booster",
        "0123456789abcdef",
        "/libs/xgboost4j_2.12-3.4.0.jar",
        "ab".repeat(32),
        "ml.dmlc:xgboost4j_2.12:3.4.0");
  }

  @Test
  void aCodeSourceRoundTripsEveryFieldAndItsNulls() {
    assertEquals(source(), EventCodec.decode(EventCodec.encode(source())));
    CodeSourceEvent bare =
        new CodeSourceEvent(
            "a1b2", "predict", "Main", "0123456789abcdef", "/app/classes", null, null);
    assertEquals(bare, EventCodec.decode(EventCodec.encode(bare)));
    assertEquals(EventCodec.FORMAT_VERSION, EventCodec.encode(bare)[0]);
  }

  @Test
  void aMapsKeysRoundTripAndAreAnUnknownFlagBeforeVersion6() {
    ValueSummary map =
        new ValueSummary("number", "all", 2, 2, 0, 0, 0.25, 0.9, 0.575, 0.325, 2)
            .withTexts(java.util.List.of("0.9", "0.25"))
            .withKeys(java.util.Arrays.asList("t1", null));
    RunEvent run =
        new RunEvent(
            "a-1",
            "predict",
            "m",
            "a",
            "h",
            1,
            "main",
            0,
            1,
            1000,
            "c",
            null,
            false,
            null,
            null,
            java.util.List.of(),
            java.util.List.of(
                new CapturedValue(
                    "scores",
                    ValueKind.POINTER,
                    "mem://a/java.util.HashMap@1",
                    "data",
                    "java.util.HashMap",
                    2,
                    map,
                    null,
                    false)),
            0);
    RunEvent decoded = (RunEvent) EventCodec.decode(EventCodec.encode(run));
    assertEquals(run, decoded);
    assertEquals(java.util.Arrays.asList("t1", null), decoded.outputs().get(0).summary().keys());
    byte[] asVersion5 = EventCodec.encode(run);
    asVersion5[0] = 5;
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(asVersion5));
  }

  @Test
  void everyTruncationOfACodeSourceIsRejected() {
    byte[] bytes = EventCodec.encode(source());
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(
          MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
  }

  @Test
  void aCodeSourceInAnOlderVersionOrWithoutItsKeyIsRejected() {
    byte[] bytes = EventCodec.encode(source());
    bytes[0] = 5;
    MalformedEventException e =
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
    assertEquals("event kind 5 (code source) does not exist in format version 5", e.getMessage());
    byte[] noAgent =
        EventCodec.encode(new CodeSourceEvent(null, "predict", "Main", null, null, null, null));
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(noAgent));
  }
}
