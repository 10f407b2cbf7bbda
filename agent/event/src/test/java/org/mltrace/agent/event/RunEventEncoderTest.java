package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventEncoderTest {
  private static final List<CapturedValue> INPUTS =
      List.of(
          new CapturedValue("i", ValueKind.LONG, "42", null, "java.lang.Integer", -1),
          new CapturedValue(
              "features",
              ValueKind.POINTER,
              "mem://agentA/double[]@7",
              "data",
              "double[]",
              1_000_000,
              new ValueSummary(
                      "number", "stride", 1_000_000, 1024, 3, 2, -1.5, 9.25, 0.125, 2.5, 977)
                  .withExtras(new double[] {1.5, -2}, new long[] {Long.MIN_VALUE, 7})
                  .withTexts(List.of("a", "naïve")),
              null),
          new CapturedValue(
              "file",
              ValueKind.POINTER,
              "/data/café/part-0.csv",
              "data",
              "java.nio.file.Path",
              10_240,
              null,
              new FileFacts(1_700_000_000_123L, "xxh64:0123456789abcdef"),
              true),
          CapturedValue.absent("missing"));
  private static final List<CapturedValue> OUTPUTS =
      List.of(
          new CapturedValue("return", ValueKind.DOUBLE, "0.25", "metric", null, -1),
          CapturedValue.number("x", 0.1 + 0.2, "java.lang.Double"),
          new CapturedValue(
              "label", ValueKind.STRING, "日本語 ✓ \uD83D\uDE00", null, "java.lang.String", 7),
          new CapturedValue("nothing", ValueKind.NULL, null, null, null, -1));

  @Test
  void encodesEveryRunByteForByteAsTheCodecEncodesTheSameRunEvent() {
    RunEventEncoder encoder = new RunEventEncoder("agentA", "host-1.example", 4242, "c0ffee");
    long[] sequences = {
      1, 9, 10, 99, 100, 12_345, 1_000_000_007L, 999_999_999_999_999_999L, Long.MAX_VALUE
    };
    for (long sequence : sequences) {
      for (boolean failed : new boolean[] {false, true}) {
        RunEvent event =
            new RunEvent(
                "agentA-" + sequence,
                "train",
                "com.acme.Trainer#fit(I)D",
                "agentA",
                "host-1.example",
                4242,
                "worker-ü",
                1_700_000_000_000_000L + sequence,
                1_700_000_000_000_500L + sequence,
                500_123,
                "0123456789abcdef",
                "c0ffee",
                failed,
                failed ? "java.lang.IllegalStateException" : null,
                failed ? "bad rows: ß" : null,
                INPUTS,
                OUTPUTS,
                sequence % 7);
        encoder.encode(
            sequence,
            event.component(),
            event.method(),
            event.thread(),
            event.startEpochMicros(),
            event.endEpochMicros(),
            event.durationNanos(),
            event.codeVersion(),
            failed,
            event.errorClass(),
            event.errorMessage(),
            INPUTS,
            OUTPUTS,
            event.unrecordedBefore());
        byte[] expected = EventCodec.encode(event);
        assertArrayEquals(
            expected, Arrays.copyOf(encoder.array(), encoder.length()), "sequence " + sequence);
        assertArrayEquals(expected, encoder.toByteArray());
        RunEvent decoded = (RunEvent) EventCodec.decode(encoder.toByteArray());
        assertEquals(event.inputs(), decoded.inputs());
        assertEquals(
            event.outputs().stream().map(CapturedValue::formatted).toList(),
            decoded.outputs(),
            "a number's text made by the reader");
        assertEquals(event.runId(), decoded.runId());
      }
    }
  }

  @Test
  void stringsRepeatedAsObjectsOrOnlyAsTextEncodeTheSame() {
    RunEventEncoder encoder = new RunEventEncoder("agentA", "h", 1, null);
    for (int i = 0; i < 2_000; i++) {
      // Every few runs the names are equal texts in new objects, and 600 distinct thread names
      // compete for the encoder's remembered strings.
      String thread = i % 3 == 0 ? new String("worker-" + (i % 600)) : "main";
      String name = i % 5 == 0 ? new String("feature") : "feature";
      List<CapturedValue> in =
          List.of(
              new CapturedValue(
                  name,
                  ValueKind.DOUBLE,
                  Double.toString(i * 0.5),
                  "metric",
                  "java.lang.Double",
                  -1));
      RunEvent event =
          new RunEvent(
              "agentA-" + i,
              "score",
              "app.S#score(D)D",
              "agentA",
              "h",
              1,
              thread,
              i,
              i + 1,
              1,
              "cv",
              null,
              false,
              null,
              null,
              in,
              List.of());
      encoder.encode(
          i,
          "score",
          "app.S#score(D)D",
          thread,
          i,
          i + 1,
          1,
          "cv",
          false,
          null,
          null,
          in,
          List.of(),
          0);
      assertArrayEquals(EventCodec.encode(event), encoder.toByteArray(), "run " + i);
    }
  }

  @Test
  void aNullGitCommitAndEmptyValuesAreEncodedAsTheCodecDoes() {
    RunEventEncoder encoder = new RunEventEncoder("a", "h", 1, null);
    RunEvent event =
        new RunEvent(
            "a-3", "c", "m", "a", "h", 1, "t", 0, 0, 0, null, null, false, null, null, List.of(),
            List.of());
    encoder.encode(3, "c", "m", "t", 0, 0, 0, null, false, null, null, List.of(), List.of(), 0);
    assertArrayEquals(EventCodec.encode(event), encoder.toByteArray());
  }
}
