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
            new CapturedValue(
                "featuresPath",
                ValueKind.POINTER,
                "/tmp/f.csv",
                "data",
                "sun.nio.fs.UnixPath",
                1234),
            new CapturedValue("epochs", ValueKind.LONG, "-7", null, "int", -1)),
        List.of(
            CapturedValue.absent("loss"),
            new CapturedValue("return", ValueKind.NULL, null, null, null, -1)));
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
    ComponentEvent c =
        new ComponentEvent(
            "train", "Fit it", "ml-team", List.of("taxi", "nightly"), List.of("a.B#c(..)"));
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
    ValueSummary numbers =
        new ValueSummary("number", "stride", 1_000_000, 1024, 3, 2, -1.5, 9.25, 0.125, 2.5, 977);
    ValueSummary empty =
        new ValueSummary(
            "string", "all", 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    return succeeded(
        base,
        List.of(
            new CapturedValue(
                "features",
                ValueKind.POINTER,
                "/tmp/f.csv",
                "data",
                "java.io.File",
                1234,
                null,
                new FileFacts(1_700_000_000_123L, "xxh64:0123456789abcdef")),
            new CapturedValue(
                "weights",
                ValueKind.POINTER,
                "mem://a1b2/double[]@7",
                "data",
                "double[]",
                1_000_000,
                numbers,
                null),
            new CapturedValue(
                "names",
                ValueKind.POINTER,
                "mem://a1b2/java.util.ArrayList@8",
                "data",
                "java.util.ArrayList",
                0,
                empty,
                null),
            new CapturedValue(
                "password", ValueKind.REDACTED, "sha256:00ff", null, "java.lang.String", -1)),
        List.of(
            new CapturedValue(
                "dir",
                ValueKind.POINTER,
                "/tmp",
                "data",
                "java.io.File",
                4096,
                null,
                new FileFacts(-1, null))));
  }

  @Test
  void summariesFileFactsAndRedactedValuesRoundTrip() {
    RunEvent run = summarizedRun();
    assertEquals(run, EventCodec.decode(EventCodec.encode(run)));
  }

  /** {@code base}, not failed, with these values. */
  private static RunEvent succeeded(
      RunEvent base, List<CapturedValue> inputs, List<CapturedValue> outputs) {
    return new RunEvent(
        base.runId(),
        base.component(),
        base.method(),
        base.agentId(),
        base.host(),
        base.pid(),
        base.thread(),
        base.startEpochMicros(),
        base.endEpochMicros(),
        base.durationNanos(),
        base.codeVersion(),
        base.gitCommit(),
        false,
        null,
        null,
        inputs,
        outputs);
  }

  @Test
  void numbersTravelAsTheirBitsAndDecodeWithTheTextTheAgentUsedToWrite() {
    RunEvent base = sampleRun();
    List<CapturedValue> numbers =
        List.of(
            CapturedValue.number("x", 0.1 + 0.2, "java.lang.Double"),
            CapturedValue.number("f", 1.1f, "java.lang.Float"),
            CapturedValue.number("nan", Double.NaN, "java.lang.Double"),
            CapturedValue.number("neg", -0.0, "java.lang.Double"),
            CapturedValue.number("m", 1e-300, "java.lang.Double").withPointerType("metric"));
    RunEvent run = succeeded(base, numbers, List.of());

    RunEvent decoded = (RunEvent) EventCodec.decode(EventCodec.encode(run));

    assertEquals(
        List.of(
            new CapturedValue(
                "x", ValueKind.DOUBLE, "0.30000000000000004", null, "java.lang.Double", -1),
            new CapturedValue("f", ValueKind.DOUBLE, "1.1", null, "java.lang.Float", -1),
            new CapturedValue("nan", ValueKind.DOUBLE, "NaN", null, "java.lang.Double", -1),
            new CapturedValue("neg", ValueKind.DOUBLE, "-0.0", null, "java.lang.Double", -1),
            new CapturedValue("m", ValueKind.DOUBLE, "1.0E-300", "metric", "java.lang.Double", -1)),
        decoded.inputs());
    assertEquals(
        numbers.stream().map(CapturedValue::formatted).toList(),
        decoded.inputs(),
        "the same as formatted() on the agent's side");

    byte[] asVersion6 = EventCodec.encode(run);
    asVersion6[0] = 6;
    assertThrows(
        MalformedEventException.class,
        () -> EventCodec.decode(asVersion6),
        "the number flag is unknown before version 7");
  }

  @Test
  void aSnapshotMarkRoundTripsAndValuesWithoutItReadAsUnmarked() {
    RunEvent base = summarizedRun();
    CapturedValue model =
        new CapturedValue(
            "return",
            ValueKind.POINTER,
            "/m/model.bin",
            "model",
            "java.io.File",
            10,
            null,
            new FileFacts(1_700_000_000_123L, "xxh64:0123456789abcdef"),
            true);
    RunEvent run = succeeded(base, base.inputs(), List.of(model));

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
      assertThrows(
          MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
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

  /**
   * {@code new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, "x#y()\nz#w()")} as version 2 wrote it.
   */
  static final String SAMPLE_STATS_V2_HEX = "0202036131026801c6010a02030c78237928290a7a23772829";

  @Test
  void version2EntriesStillDecodeWithNothingUnrecordedAndNoHealthCounts() {
    RunEvent run = (RunEvent) EventCodec.decode(HexFormat.of().parseHex(SAMPLE_RUN_V2_HEX));
    assertEquals(sampleRun(), run);
    assertEquals(0, run.unrecordedBefore());
    AgentStatsEvent stats =
        (AgentStatsEvent) EventCodec.decode(HexFormat.of().parseHex(SAMPLE_STATS_V2_HEX));
    assertEquals(new AgentStatsEvent("a1", "h", 1, 99, 10, 2, 3, "x#y()\nz#w()"), stats);
    assertEquals(List.of(), stats.health());
    assertEquals(List.of(), stats.unrecorded());
  }

  @Test
  void version3CarriesUnrecordedBeforeAndTheStatsCounts() {
    RunEvent base = sampleRun();
    RunEvent run =
        new RunEvent(
            base.runId(),
            base.component(),
            base.method(),
            base.agentId(),
            base.host(),
            base.pid(),
            base.thread(),
            base.startEpochMicros(),
            base.endEpochMicros(),
            base.durationNanos(),
            base.codeVersion(),
            base.gitCommit(),
            base.failed(),
            base.errorClass(),
            base.errorMessage(),
            base.inputs(),
            base.outputs(),
            123_456_789L);
    assertEquals(run, EventCodec.decode(EventCodec.encode(run)));
    AgentStatsEvent stats =
        new AgentStatsEvent(
            "a1",
            "h",
            1,
            99,
            10,
            2,
            3,
            null,
            List.of(new NamedCount("append_failed", 4), new NamedCount("queue_unavailable", 1)),
            List.of(new NamedCount("score", 99_000)));
    AgentStatsEvent decoded = (AgentStatsEvent) EventCodec.decode(EventCodec.encode(stats));
    assertEquals(stats, decoded);
    assertEquals(4, decoded.healthCount("append_failed"));
    assertEquals(0, decoded.healthCount("weave_failed"));
    byte[] current = EventCodec.encode(sampleRun());
    assertEquals(EventCodec.FORMAT_VERSION, current[0]);
    assertEquals(
        HexFormat.of().parseHex(SAMPLE_RUN_V2_HEX).length + 1,
        current.length,
        "one varint more: unrecordedBefore 0");
  }

  /**
   * A run with one summarized input ({@code numbers} of {@link #summarizedRun()}) and
   * unrecordedBefore 5, as the version 3 codec wrote it.
   */
  static final String SUMMARIZED_RUN_V3_HEX =
      "030108613162322d343206747261696e3c636f6d2e61636d652e547261696e657223666974284c6a6176612f6e696f2f"
          + "66696c652f506174683b49294c636f6d2f61636d652f4d6f64656c3b056131623207686f73742d319221056d61696e80"
          + "80f28183898506c084af8283898506f695ebdc0305616231320000000001087765696768747306166d656d3a2f2f6131"
          + "62322f646f75626c655b5d4037056461746109646f75626c655b5d80897a01076e756d6265720773747269646580897a"
          + "80100604000000000000f8bf0000000000802240000000000000c03f0000000000000440a20f0005";

  /**
   * {@code new ComponentEvent("train", "Fit it", "ml-team", List.of("taxi"),
   * List.of("a.B#c(..)"))}, version 3.
   */
  static final String COMPONENT_V3_HEX =
      "030306747261696e07466974206974086d6c2d7465616d010574617869010a612e422363282e2e29";

  @Test
  void version3EntriesStillDecodeWithoutSamplesOrTriggers() {
    RunEvent run = (RunEvent) EventCodec.decode(HexFormat.of().parseHex(SUMMARIZED_RUN_V3_HEX));
    ValueSummary summary = run.inputs().get(0).summary();
    assertEquals(
        new ValueSummary("number", "stride", 1_000_000, 1024, 3, 2, -1.5, 9.25, 0.125, 2.5, 977),
        summary);
    assertNull(summary.sample());
    assertNull(summary.hashes());
    assertEquals(5, run.unrecordedBefore());
    ComponentEvent c =
        (ComponentEvent) EventCodec.decode(HexFormat.of().parseHex(COMPONENT_V3_HEX));
    assertEquals(
        new ComponentEvent("train", "Fit it", "ml-team", List.of("taxi"), List.of("a.B#c(..)")), c);
    assertEquals(List.of(), c.triggers());
    assertNull(c.staleAfter());
  }

  @Test
  void version4SummariesCarryASampleAndHashesAndTheyRoundTrip() {
    RunEvent base = summarizedRun();
    ValueSummary numbers = base.inputs().get(1).summary();
    ValueSummary both =
        numbers.withExtras(
            new double[] {1.5, Double.NaN, -0.0, 1e300}, new long[] {Long.MIN_VALUE, -1, 0, 42});
    ValueSummary onlyHashes = numbers.withExtras(null, new long[] {7});
    ValueSummary emptySample = numbers.withExtras(new double[0], null);
    List<CapturedValue> inputs =
        List.of(
            base.inputs().get(1).withSummary(both),
            base.inputs().get(1).withSummary(onlyHashes),
            base.inputs().get(1).withSummary(emptySample));
    RunEvent run = succeeded(base, inputs, List.of());

    RunEvent decoded = (RunEvent) EventCodec.decode(EventCodec.encode(run));

    assertEquals(run, decoded);
    ValueSummary first = decoded.inputs().get(0).summary();
    assertArrayEquals(new double[] {1.5, Double.NaN, -0.0, 1e300}, first.sample());
    assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, 42}, first.hashes());
    assertNull(decoded.inputs().get(1).summary().sample());
    assertEquals(0, decoded.inputs().get(2).summary().sample().length);
    assertNull(decoded.inputs().get(2).summary().hashes());
    // The extras cost a count byte and 8 bytes per element each: (1 + 4 * 8) + (1 + 4 * 8) = 66.
    RunEvent plain = succeeded(base, List.of(base.inputs().get(1)), List.of());
    RunEvent withBoth = succeeded(base, List.of(inputs.get(0)), List.of());
    assertEquals(66, EventCodec.encode(withBoth).length - EventCodec.encode(plain).length);
  }

  @Test
  void version4ComponentsCarryTriggersAndStaleAfter() {
    ComponentEvent c =
        new ComponentEvent(
            "featurize",
            null,
            null,
            List.of(),
            List.of("a.B#c(..)"),
            List.of(
                new TriggerDecl(
                    "before_run",
                    "not_null",
                    false,
                    java.util.Map.of("variable", "rawFares", "max_fraction", "0.05"),
                    null,
                    "taxi.yaml:12"),
                new TriggerDecl(
                    "after_run",
                    "psi",
                    false,
                    java.util.Map.of(
                        "variable",
                        "fares",
                        "reference.component",
                        "train",
                        "reference.variable",
                        "x"),
                    true,
                    "taxi.yaml:16"),
                new TriggerDecl(
                    "after_run", "tip_rate_check", true, java.util.Map.of(), false, null)),
            "12h");

    ComponentEvent decoded = (ComponentEvent) EventCodec.decode(EventCodec.encode(c));

    assertEquals(c, decoded);
    assertEquals("12h", decoded.staleAfter());
    assertNull(decoded.triggers().get(0).alert());
    assertEquals(Boolean.FALSE, decoded.triggers().get(2).alert());
    assertTrue(decoded.triggers().get(2).user());
  }

  @Test
  void everyTruncationOfAVersion4ComponentIsRejected() {
    ComponentEvent c =
        new ComponentEvent(
            "f",
            null,
            null,
            List.of(),
            List.of("a.B#c(..)"),
            List.of(
                new TriggerDecl(
                    "after_run",
                    "ks",
                    false,
                    java.util.Map.of("variable", "v", "reference", "previous"),
                    true,
                    "f.yaml:3")),
            "30d");
    byte[] bytes = EventCodec.encode(c);
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(
          MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
    }
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
    byte[] bytes = EventCodec.encode(succeeded(run, List.of(), List.of(CapturedValue.absent("x"))));
    bytes[bytes.length - 2] =
        8; // the only value's flags byte, before unrecordedBefore; 1, 2, 4 are defined
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
    MalformedEventException e =
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(bytes));
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
    RunEvent base = summarizedRun();
    CapturedValue sampled =
        base.inputs()
            .get(1)
            .withSummary(
                base.inputs().get(1).summary().withExtras(new double[] {1, 2}, new long[] {3}));
    byte[] bytes =
        EventCodec.encode(succeeded(base, List.of(base.inputs().get(0), sampled), base.outputs()));
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(
          MalformedEventException.class, () -> EventCodec.decode(truncated), "cut at " + cut);
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
