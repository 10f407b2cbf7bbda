package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Format version 6: code sources, the jar a woven class came from. */
class EventCodecVersion6Test {
  static CodeSourceEvent source() {
    return new CodeSourceEvent("a1b2", "predict", "ml.dmlc.xgboost4j.java.Booster", "0123456789abcdef",
        "/libs/xgboost4j_2.12-3.4.0.jar", "ab".repeat(32), "ml.dmlc:xgboost4j_2.12:3.4.0");
  }

  @Test
  void aCodeSourceRoundTripsEveryFieldAndItsNulls() {
    assertEquals(source(), EventCodec.decode(EventCodec.encode(source())));
    CodeSourceEvent bare = new CodeSourceEvent("a1b2", "predict", "Main", "0123456789abcdef", "/app/classes", null, null);
    assertEquals(bare, EventCodec.decode(EventCodec.encode(bare)));
    assertEquals(6, EventCodec.encode(bare)[0]);
  }

  @Test
  void everyTruncationOfACodeSourceIsRejected() {
    byte[] bytes = EventCodec.encode(source());
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
  }

  @Test
  void aCodeSourceInAnOlderVersionOrWithoutItsKeyIsRejected() {
    byte[] bytes = EventCodec.encode(source());
    bytes[0] = 5;
    MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
    assertEquals("event kind 5 (code source) does not exist in format version 5", e.getMessage());
    byte[] noAgent = EventCodec.encode(new CodeSourceEvent(null, "predict", "Main", null, null, null, null));
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(noAgent));
  }
}
