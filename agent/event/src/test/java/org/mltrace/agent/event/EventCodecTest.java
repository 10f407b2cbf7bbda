package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  static RunEvent sampleRun() {
    return new RunEvent(
        "a1b2-42",
        "train",
        "com.acme.Trainer#fit(Ljava/nio/file/Path;I)Lcom/acme/Model;",
        "a1b2",
        "host-1",
        4242,
        "main",
        1_700_000_000_000_000L,
        1_700_000_000_500_000L,
        500_000_123L,
        "ab12",
        null,
        true,
        "java.lang.IllegalStateException",
        "bad rows: ü",
        List.of(
            new CapturedValue("featuresPath", ValueKind.POINTER, "/tmp/f.csv", "data", "sun.nio.fs.UnixPath", 1234),
            new CapturedValue("epochs", ValueKind.LONG, "-7", null, "int", -1)),
        List.of(CapturedValue.absent("loss"), new CapturedValue("return", ValueKind.NULL, null, null, null, -1)));
  }

  @Test
  void runEventRoundTripsEveryField() {
    RunEvent run = sampleRun();
    assertEquals(run, EventCodec.decode(EventCodec.encode(run)));
  }

  @Test
  void statsEventRoundTrips() {
    AgentStatsEvent stats = new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, "x#y()\nz#w()");
    assertEquals(stats, EventCodec.decode(EventCodec.encode(stats)));
  }

  @Test
  void componentEventRoundTrips() {
    ComponentEvent c = new ComponentEvent("train", "Fit it", "ml-team", List.of("taxi", "nightly"), List.of("a.B#c(..)"));
    assertEquals(c, EventCodec.decode(EventCodec.encode(c)));
  }

  @Test
  void firstByteIsTheFormatVersion() {
    assertEquals(EventCodec.FORMAT_VERSION, EventCodec.encode(sampleRun())[0]);
  }

  @Test
  void unknownVersionIsRejectedWithItsNumber() {
    byte[] bytes = EventCodec.encode(sampleRun());
    bytes[0] = 9;
    MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
  }

  @Test
  void unknownKindIsRejected() {
    byte[] bytes = EventCodec.encode(sampleRun());
    bytes[1] = 77;
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
  }

  @Test
  void everyTruncationIsRejectedNotMisread() {
    byte[] bytes = EventCodec.encode(sampleRun());
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] bytes = EventCodec.encode(sampleRun());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(longer));
  }

  @Test
  void encodingIsDeterministic() {
    assertArrayEquals(EventCodec.encode(sampleRun()), EventCodec.encode(sampleRun()));
  }
}
