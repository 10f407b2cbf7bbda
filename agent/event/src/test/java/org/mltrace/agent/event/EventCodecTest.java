package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
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

  /** {@link #sampleRun()} as the version 1 codec (before summaries) wrote it, byte for byte. */
  static final String SAMPLE_RUN_V1_HEX =
          "010108613162322d343206747261696e3c636f6d2e61636d652e547261696e657223666974284c6a6176612f6e696f2f"
          + "66696c652f506174683b49294c636f6d2f61636d652f4d6f64656c3b056131623207686f73742d319221056d61696e80"
          + "80f28183898506c084af8283898506f695ebdc0305616231320001206a6176612e6c616e672e496c6c6567616c537461"
          + "7465457863657074696f6e0d62616420726f77733a20c3bc020d666561747572657350617468060b2f746d702f662e63"
          + "737605646174611473756e2e6e696f2e66732e556e697850617468a4130765706f63687303032d370004696e74010205"
          + "6c6f737300000000010772657475726e0100000001";

  static RunEvent summarizedRun() {
    RunEvent base = sampleRun();
    ValueSummary numbers = new ValueSummary("number", "stride", 1_000_000, 1024, 3, 2, -1.5, 9.25, 0.125, 2.5, 977);
    ValueSummary empty = new ValueSummary("string", "all", 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    return new RunEvent(
        base.runId(), base.component(), base.method(), base.agentId(), base.host(), base.pid(), base.thread(),
        base.startEpochMicros(), base.endEpochMicros(), base.durationNanos(), base.codeVersion(), base.gitCommit(),
        false, null, null,
        List.of(
            new CapturedValue("features", ValueKind.POINTER, "/tmp/f.csv", "data", "java.io.File", 1234, null,
                new FileFacts(1_700_000_000_123L, "xxh64:0123456789abcdef")),
            new CapturedValue("weights", ValueKind.POINTER, "mem://a1b2/double[]@7", "data", "double[]", 1_000_000, numbers, null),
            new CapturedValue("names", ValueKind.POINTER, "mem://a1b2/java.util.ArrayList@8", "data", "java.util.ArrayList", 0, empty, null),
            new CapturedValue("password", ValueKind.REDACTED, "sha256:00ff", null, "java.lang.String", -1)),
        List.of(new CapturedValue("dir", ValueKind.POINTER, "/tmp", "data", "java.io.File", 4096, null, new FileFacts(-1, null))));
  }

  @Test
  void summariesFileFactsAndRedactedValuesRoundTrip() {
    RunEvent run = summarizedRun();
    assertEquals(run, EventCodec.decode(EventCodec.encode(run)));
  }

  @Test
  void aSnapshotMarkRoundTripsAndValuesWithoutItReadAsUnmarked() {
    RunEvent base = summarizedRun();
    CapturedValue model =
        new CapturedValue("return", ValueKind.POINTER, "/m/model.bin", "model", "java.io.File", 10, null,
            new FileFacts(1_700_000_000_123L, "xxh64:0123456789abcdef"), true);
    RunEvent run = new RunEvent(
        base.runId(), base.component(), base.method(), base.agentId(), base.host(), base.pid(), base.thread(),
        base.startEpochMicros(), base.endEpochMicros(), base.durationNanos(), base.codeVersion(), base.gitCommit(),
        false, null, null, base.inputs(), List.of(model));

    RunEvent decoded = (RunEvent) EventCodec.decode(EventCodec.encode(run));

    assertEquals(run, decoded);
    assertTrue(decoded.outputs().get(0).snapshot());
    assertTrue(decoded.inputs().stream().noneMatch(CapturedValue::snapshot));
    RunEvent v1 = (RunEvent) EventCodec.decode(HexFormat.of().parseHex(SAMPLE_RUN_V1_HEX));
    assertTrue(v1.inputs().stream().noneMatch(CapturedValue::snapshot));
  }

  @Test
  void version1EntriesStillDecode() {
    byte[] v1 = HexFormat.of().parseHex(SAMPLE_RUN_V1_HEX);
    assertEquals(1, v1[0]);
    RunEvent decoded = (RunEvent) EventCodec.decode(v1);
    assertEquals(sampleRun(), decoded);
    assertNull(decoded.inputs().get(0).summary());
    assertNull(decoded.inputs().get(0).file());
  }

  @Test
  void version1EntriesAreStillCheckedForTruncation() {
    byte[] v1 = HexFormat.of().parseHex(SAMPLE_RUN_V1_HEX);
    for (int cut = 0; cut < v1.length; cut++) {
      byte[] truncated = Arrays.copyOf(v1, cut);
      assertThrows(MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
  }

  @Test
  void version2DiffersFromVersion1OnlyByVersionAndValueFlags() {
    byte[] v2 = HexFormat.of().parseHex(SAMPLE_RUN_V2_HEX);
    byte[] v1 = HexFormat.of().parseHex(SAMPLE_RUN_V1_HEX);
    // One flags byte (0: no summary, no file facts) after each of the four values.
    assertEquals(v1.length + 4, v2.length);
    assertEquals(2, v2[0]);
  }

  /** {@link #sampleRun()} as the version 2 codec (before unrecorded counts) wrote it. */
  static final String SAMPLE_RUN_V2_HEX =
      "020108613162322d343206747261696e3c636f6d2e61636d652e547261696e657223666974284c6a6176612f6e696f2f"
          + "66696c652f506174683b49294c636f6d2f61636d652f4d6f64656c3b056131623207686f73742d319221056d61696e80"
          + "80f28183898506c084af8283898506f695ebdc0305616231320001206a6176612e6c616e672e496c6c6567616c537461"
          + "7465457863657074696f6e0d62616420726f77733a20c3bc020d666561747572657350617468060b2f746d702f662e63"
          + "737605646174611473756e2e6e696f2e66732e556e697850617468a413000765706f63687303032d370004696e740100"
          + "02056c6f73730000000001000772657475726e010000000100";

  /** {@code new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, "x#y()\nz#w()")} as version 2 wrote it. */
  static final String SAMPLE_STATS_V2_HEX = "0202036131026801c6010a02030c78237928290a7a23772829";

  @Test
  void version2EntriesStillDecodeWithNothingUnrecordedAndNoHealthCounts() {
    RunEvent run = (RunEvent) EventCodec.decode(HexFormat.of().parseHex(SAMPLE_RUN_V2_HEX));
    assertEquals(sampleRun(), run);
    assertEquals(0, run.unrecordedBefore());
    AgentStatsEvent stats = (AgentStatsEvent) EventCodec.decode(HexFormat.of().parseHex(SAMPLE_STATS_V2_HEX));
    assertEquals(new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, "x#y()\nz#w()"), stats);
    assertEquals(List.of(), stats.health());
    assertEquals(List.of(), stats.unrecorded());
  }

  @Test
  void version3CarriesUnrecordedBeforeAndTheStatsCounts() {
    RunEvent base = sampleRun();
    RunEvent run = new RunEvent(
        base.runId(), base.component(), base.method(), base.agentId(), base.host(), base.pid(), base.thread(),
        base.startEpochMicros(), base.endEpochMicros(), base.durationNanos(), base.codeVersion(), base.gitCommit(),
        base.failed(), base.errorClass(), base.errorMessage(), base.inputs(), base.outputs(), 123_456_789L);
    assertEquals(run, EventCodec.decode(EventCodec.encode(run)));
    AgentStatsEvent stats = new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, null,
        List.of(new NamedCount("append_failed", 4), new NamedCount("queue_unavailable", 1)),
        List.of(new NamedCount("score", 99_000)));
    AgentStatsEvent decoded = (AgentStatsEvent) EventCodec.decode(EventCodec.encode(stats));
    assertEquals(stats, decoded);
    assertEquals(4, decoded.healthCount("append_failed"));
    assertEquals(0, decoded.healthCount("weave_failed"));
    byte[] v3 = EventCodec.encode(sampleRun());
    assertEquals(3, v3[0]);
    assertEquals(HexFormat.of().parseHex(SAMPLE_RUN_V2_HEX).length + 1, v3.length, "one varint more: unrecordedBefore 0");
  }

  @Test
  void aRedactedValueInAVersion1EntryIsRejected() {
    byte[] v1 = HexFormat.of().parseHex(SAMPLE_RUN_V1_HEX);
    // The value kind byte of the second input ("epochs", LONG = 3) follows its name.
    int nameEnd = SAMPLE_RUN_V1_HEX.indexOf("65706f636873") / 2 + "epochs".length();
    assertEquals(ValueKind.LONG.ordinal(), v1[nameEnd]);
    v1[nameEnd] = (byte) ValueKind.REDACTED.ordinal();
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(v1));
  }

  @Test
  void unknownValueFlagsAreRejected() {
    RunEvent run = sampleRun();
    byte[] bytes = EventCodec.encode(new RunEvent(
        run.runId(), run.component(), run.method(), run.agentId(), run.host(), run.pid(), run.thread(),
        run.startEpochMicros(), run.endEpochMicros(), run.durationNanos(), run.codeVersion(), run.gitCommit(),
        false, null, null, List.of(), List.of(CapturedValue.absent("x"))));
    bytes[bytes.length - 2] = 8; // the only value's flags byte, before unrecordedBefore; 1, 2, 4 are defined
    assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
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
    byte[] bytes = EventCodec.encode(summarizedRun());
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
