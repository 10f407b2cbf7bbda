package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

/** Summaries, fingerprints and the YAML's per-variable options, as the encoder applies them. */
class ValueEncoderOptionsTest {
  private final ValueEncoder encoder = new ValueEncoder("agent1", new ObjectIds(), 256, 1024);

  @TempDir Path dir;

  private static CaptureOptions options(CaptureMode mode) {
    return new CaptureOptions(null, mode, false, 256, 1024);
  }

  @Test
  void aSummarizedArrayStaysAnInMemoryPointerWithItsIdentity() {
    double[] weights = {1, 2, 3, 4};
    CapturedValue first = encoder.encode("w", weights);
    CapturedValue again = encoder.encode("w", weights);
    assertEquals(ValueKind.POINTER, first.kind());
    assertTrue(first.text().startsWith("mem://agent1/double[]@"), first.text());
    assertEquals(first.text(), again.text(), "same object, same id: lineage still links it");
    assertEquals(4, first.size());
    assertEquals(2.5, first.summary().mean(), 1e-12);
  }

  @Test
  void snapshotMarksFilePointersOnly() throws Exception {
    Path model = Files.writeString(dir.resolve("model.bin"), "weights");
    CaptureOptions snapshot = options(CaptureMode.AUTO).withSnapshot(true);

    CapturedValue file = encoder.encode("return", snapshot, model);
    CapturedValue plain = encoder.encode("return", options(CaptureMode.AUTO), model);
    CapturedValue number = encoder.encode("epochs", snapshot, 7);

    assertTrue(file.snapshot());
    assertEquals(model.toAbsolutePath().normalize().toString(), file.text());
    assertFalse(plain.snapshot());
    assertFalse(number.snapshot(), "only pointers name something to copy");
  }

  @Test
  void captureValueKeepsAPathLikeStringAsText() throws Exception {
    Path f = Files.writeString(dir.resolve("notes.txt"), "x");
    CapturedValue v = encoder.encode("s", options(CaptureMode.VALUE), f.toString());
    assertEquals(ValueKind.STRING, v.kind());
    assertEquals(f.toString(), v.text());
  }

  @Test
  void capturePointerSkipsSummaryAndFingerprintButKeepsSizeAndMtime() throws Exception {
    Path f = Files.writeString(dir.resolve("features.csv"), "a,b\n");
    CapturedValue file = encoder.encode("f", options(CaptureMode.POINTER), f);
    assertEquals(4, file.size());
    assertNull(file.fingerprint());
    assertTrue(file.file().modifiedEpochMillis() > 0);
    assertNull(encoder.encode("w", options(CaptureMode.POINTER), new double[] {1}).summary());
  }

  @Test
  void filePointersCarryFingerprintsThatFollowTheContent() throws Exception {
    Path f = Files.writeString(dir.resolve("features.csv"), "a,b\n1,2\n");
    CapturedValue before = encoder.encode("f", f);
    assertEquals(Files.getLastModifiedTime(f).toMillis(), before.file().modifiedEpochMillis());
    Files.writeString(f, "a,b\n9,9\n");
    CapturedValue after = encoder.encode("f", f);
    assertEquals(before.text(), after.text(), "same path, same pointer");
    assertNotEquals(before.fingerprint(), after.fingerprint(), "a new version of the file");
    assertEquals(after.fingerprint(), encoder.encode("f", f.toFile()).fingerprint());
  }

  @Test
  void aFileAboveFingerprintMaxBytesGetsTheSampledHash() throws Exception {
    Path f =
        Files.write(dir.resolve("big.bin"), new byte[2048]); // this encoder hashes up to 1024 whole
    assertTrue(encoder.encode("m", f).fingerprint().startsWith("xxh64s:"));
  }

  @Test
  void directoriesAndMissingFilesHaveNoFingerprint() {
    assertNull(encoder.encode("d", dir).fingerprint());
    CapturedValue missing = encoder.encode("o", dir.resolve("not-yet.csv"));
    assertEquals(ValueKind.POINTER, missing.kind());
    assertNull(missing.file());
  }

  @Test
  void theYamlTypeReplacesTheGuessedType() {
    CaptureOptions metric = new CaptureOptions("metric", CaptureMode.AUTO, false, 256, 1024);
    assertEquals("metric", encoder.encode("acc", metric, 0.93).pointerType());
    CaptureOptions model = new CaptureOptions("model", CaptureMode.AUTO, false, 256, 1024);
    assertEquals("model", encoder.encode("m", model, new double[] {1}).pointerType());
    assertNull(encoder.encode("m", model, null).pointerType());
  }

  @Test
  void maxLengthAndSampleCapArePerVariable() {
    CapturedValue s =
        encoder.encode("s", new CaptureOptions(null, CaptureMode.AUTO, false, 3, 1024), "abcdef");
    assertEquals("abc", s.text());
    assertEquals(6, s.size());
    CapturedValue w =
        encoder.encode(
            "w", new CaptureOptions(null, CaptureMode.AUTO, false, 256, 2), new int[] {1, 2, 3, 4});
    assertEquals(2, w.summary().sampled());
  }

  @Test
  void redactionNeverPutsTheTextInTheEvent() throws Exception {
    String secret = "hunter2-Secret!";
    CaptureOptions redact = new CaptureOptions(null, CaptureMode.AUTO, true, 256, 1024);
    CapturedValue v = encoder.encode("dbPassword", redact, secret);
    assertEquals(ValueKind.REDACTED, v.kind());
    assertEquals(
        "sha256:"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(StandardCharsets.UTF_8))),
        v.text());
    assertEquals(-1, v.size(), "not even the length");
    assertEquals(
        v.text(),
        encoder.encode("dbPassword", redact, secret).text(),
        "equal values, equal hashes");

    Path file = Files.writeString(dir.resolve("secret-token.txt"), secret);
    CapturedValue f = encoder.encode("token", redact, file);
    assertEquals(ValueKind.REDACTED, f.kind());
    assertNull(f.file(), "a redacted file is not read");

    RunEvent run =
        new RunEvent(
            "r-1",
            "c",
            "m",
            "a",
            "h",
            1,
            "t",
            0,
            0,
            0,
            null,
            null,
            false,
            null,
            null,
            List.of(v, f, encoder.encode("n", redact, 31_337)),
            List.of());
    String bytes = new String(EventCodec.encode(run), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("hunter2"), "the secret's text is nowhere in the event");
    assertFalse(bytes.contains("secret-token"), "nor the redacted path");
    assertFalse(bytes.contains("31337"), "nor a redacted number");
  }

  @Test
  void aFailingSummaryIsCountedAndLeavesThePointer() {
    ValueSummaries broken =
        new ValueSummaries(
            (n, cap, visit) -> {
              throw new ArrayIndexOutOfBoundsException("shrunk meanwhile");
            });
    ValueEncoder withBroken = new ValueEncoder("agent1", new ObjectIds(), 256, 1024, broken);
    long errors = AgentCounters.internalErrorCount();
    CapturedValue v = withBroken.encode("w", new ArrayList<>(List.of(1.0, 2.0)));
    assertEquals(ValueKind.POINTER, v.kind());
    assertEquals(2, v.size());
    assertNull(v.summary());
    assertEquals(errors + 1, AgentCounters.internalErrorCount());
  }

  @Test
  void userSubclassesOfJdkCollectionsAreNotRead() {
    List<Double> sneaky =
        new ArrayList<>(List.of(1.0)) {
          @Override
          public Double get(int index) {
            throw new AssertionError("the agent called the application's code");
          }
        };
    CapturedValue v = encoder.encode("w", sneaky);
    assertEquals(ValueKind.POINTER, v.kind());
    assertNull(v.summary());
  }
}
