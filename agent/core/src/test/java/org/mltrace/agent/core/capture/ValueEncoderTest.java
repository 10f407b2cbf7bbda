package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

class ValueEncoderTest {
  private final ValueEncoder encoder = new ValueEncoder("agent1", new ObjectIds(), 5);

  @TempDir Path dir;

  @Test
  void absentAndNull() {
    assertEquals(CapturedValue.absent("x"), encoder.encode("x", CaptureBridge.ABSENT));
    assertEquals(
        new CapturedValue("x", ValueKind.NULL, null, null, null, -1), encoder.encode("x", null));
  }

  @Test
  void booleans() {
    CapturedValue v = encoder.encode("ok", true);
    assertEquals(ValueKind.BOOLEAN, v.kind());
    assertEquals("true", v.text());
    assertEquals("false", encoder.encode("ok", Boolean.FALSE).text());
  }

  @Test
  void integralNumbersAreLongs() {
    assertEquals(
        new CapturedValue("n", ValueKind.LONG, "-2147483648", null, "java.lang.Integer", -1),
        encoder.encode("n", Integer.MIN_VALUE));
    assertEquals(
        new CapturedValue("n", ValueKind.LONG, "9223372036854775807", null, "java.lang.Long", -1),
        encoder.encode("n", Long.MAX_VALUE));
    assertEquals(
        new CapturedValue("n", ValueKind.LONG, "-5", null, "java.lang.Short", -1),
        encoder.encode("n", (short) -5));
    assertEquals(
        new CapturedValue("n", ValueKind.LONG, "7", null, "java.lang.Byte", -1),
        encoder.encode("n", (byte) 7));
  }

  @Test
  void floatingPointNumbersAreDoublesFormattedByTheReaderNotTheCaller() {
    CapturedValue d = encoder.encode("d", 0.1 + 0.2);
    assertTrue(d.isUnformattedNumber(), "no Double.toString on the application's thread");
    assertEquals(
        new CapturedValue(
            "d", ValueKind.DOUBLE, "0.30000000000000004", null, "java.lang.Double", -1),
        d.formatted());
    assertEquals(
        new CapturedValue("d", ValueKind.DOUBLE, "1.5", null, "java.lang.Float", -1),
        encoder.encode("d", 1.5f).formatted());
    assertEquals("NaN", encoder.encode("d", Double.NaN).formatted().text());
    assertEquals("-0.0", encoder.encode("d", -0.0).formatted().text());
    assertEquals("1.1", encoder.encode("d", 1.1f).formatted().text(), "Float.toString for a float");
  }

  @Test
  void charsAreOneCharacterStrings() {
    assertEquals(
        new CapturedValue("c", ValueKind.STRING, "q", null, "java.lang.Character", 1),
        encoder.encode("c", 'q'));
  }

  @Test
  void stringsAreCutAtTheMaximumKeepingTheirLength() {
    assertEquals(
        new CapturedValue("s", ValueKind.STRING, "abcde", null, "java.lang.String", 8),
        encoder.encode("s", "abcdefgh"));
    assertEquals(
        new CapturedValue("s", ValueKind.STRING, "abc", null, "java.lang.String", 3),
        encoder.encode("s", "abc"));
    assertEquals(
        new CapturedValue("s", ValueKind.STRING, "", null, "java.lang.String", 0),
        encoder.encode("s", ""));
  }

  @Test
  void pathsAreFilePointersWithAbsoluteNormalizedIdentifiers() throws Exception {
    Path csv = Files.writeString(dir.resolve("trips.csv"), "a,b\n1,2\n");
    Path indirect = dir.resolve("sub").resolve("..").resolve("trips.csv");
    CapturedValue v = encoder.encode("data", indirect);
    assertEquals(ValueKind.POINTER, v.kind());
    assertEquals(csv.toAbsolutePath().normalize().toString(), v.text());
    assertEquals(PointerTypes.DATA, v.pointerType());
    assertEquals(8, v.size(), "the file's size in bytes");

    Path relative = Path.of("target", "..", "no-such-model.bin");
    CapturedValue model = encoder.encode("model", relative);
    assertEquals(Path.of("no-such-model.bin").toAbsolutePath().toString(), model.text());
    assertEquals(PointerTypes.MODEL, model.pointerType());
    assertEquals(-1, model.size(), "no file, no size");
  }

  @Test
  void filesAndFileUrisNameTheSameFileAsThePath() throws Exception {
    Path csv = Files.writeString(dir.resolve("trips.csv"), "x");
    String id = csv.toAbsolutePath().normalize().toString();
    File indirect = new File(new File(dir.toFile(), "sub"), "../trips.csv");

    CapturedValue file = encoder.encode("f", indirect);
    assertEquals(id, file.text());
    assertEquals("java.io.File", file.className());
    CapturedValue uri = encoder.encode("u", indirect.toURI());
    assertEquals(id, uri.text());
    assertEquals(PointerTypes.DATA, uri.pointerType());
    CapturedValue url = encoder.encode("u", indirect.toURI().toURL());
    assertEquals(ValueKind.POINTER, url.kind());
    assertEquals(id, url.text(), "a file: URL is the same file as the Path");
    assertEquals(1, url.size());
  }

  @Test
  void aFileUrlThatIsNoValidUriStaysAUrlPointer() throws Exception {
    CapturedValue v = encoder.encode("u", new URL("file:/tmp/with space/trips.csv"));
    assertEquals(
        new CapturedValue(
            "u",
            ValueKind.POINTER,
            "file:/tmp/with space/trips.csv",
            PointerTypes.DATA,
            "java.net.URL",
            -1),
        v);
  }

  @Test
  void httpUrisAndUrlsAreEndpoints() throws Exception {
    CapturedValue uri = encoder.encode("api", URI.create("https://models.example.com/v1/predict"));
    assertEquals(
        new CapturedValue(
            "api",
            ValueKind.POINTER,
            "https://models.example.com/v1/predict",
            PointerTypes.ENDPOINT,
            "java.net.URI",
            -1),
        uri);
    CapturedValue url = encoder.encode("api", new URL("http://example.com/score"));
    assertEquals(
        new CapturedValue(
            "api",
            ValueKind.POINTER,
            "http://example.com/score",
            PointerTypes.ENDPOINT,
            "java.net.URL",
            -1),
        url);
    assertEquals(
        PointerTypes.MODEL, encoder.encode("m", URI.create("s3://bucket/tip.onnx")).pointerType());
  }

  @Test
  void aStringNamingAnExistingFileIsAPointerAndOtherwiseAString() throws Exception {
    Path model = Files.write(dir.resolve("tip.bin"), new byte[] {1, 2, 3});
    CapturedValue v = encoder.encode("p", model.toString());
    assertEquals(
        new CapturedValue(
            "p",
            ValueKind.POINTER,
            model.toAbsolutePath().normalize().toString(),
            PointerTypes.MODEL,
            "java.lang.String",
            3,
            null,
            v.file()),
        v);
    assertTrue(v.fingerprint().startsWith("xxh64:"), v.fingerprint());

    String missing = dir.resolve("gone.csv").toString();
    CapturedValue s = encoder.encode("p", missing);
    assertEquals(ValueKind.STRING, s.kind());
    assertEquals(missing.length(), s.size());
  }

  @Test
  void arraysAndJdkCollectionsCarryTheirSize() {
    CapturedValue array = encoder.encode("a", new int[3]);
    assertEquals(ValueKind.POINTER, array.kind());
    assertEquals("int[]", array.className());
    assertTrue(array.text().matches("mem://agent1/int\\[\\]@\\d+"), array.text());
    assertEquals(3, array.size());

    assertEquals(2, encoder.encode("l", new ArrayList<>(List.of(1, 2))).size());
    assertEquals(1, encoder.encode("m", new HashMap<>(Map.of("k", "v"))).size());
    assertEquals(4, encoder.encode("l", List.of(1, 2, 3, 4)).size());
  }

  @Test
  void aUserCollectionIsNeverAskedItsSize() {
    CapturedValue v = encoder.encode("rows", new UserRows());
    assertEquals(ValueKind.POINTER, v.kind(), String.valueOf(v));
    assertEquals(UserRows.class.getName(), v.className());
    assertEquals(-1, v.size());
  }

  @Test
  void aJdkViewOfAUserCollectionIsNotAskedItsSizeEither() {
    // The wrapper's size() would call the user's: an ERROR here would lose the pointer.
    CapturedValue v = encoder.encode("rows", Collections.unmodifiableList(new UserRows()));
    assertEquals(ValueKind.POINTER, v.kind(), String.valueOf(v));
    assertEquals(-1, v.size());
  }

  @Test
  void jdkCollectionsWhoseSizeWalksThemAreNotSized() {
    ConcurrentSkipListSet<Integer> set = new ConcurrentSkipListSet<>(List.of(1, 2, 3));
    assertEquals(-1, encoder.encode("s", set).size());
  }

  @Test
  void memoryPointersAreStablePerObjectAndDistinctForEqualObjects() {
    List<String> a = new ArrayList<>(List.of("x"));
    List<String> b = new ArrayList<>(List.of("x"));
    assertEquals(a, b);
    String first = encoder.encode("v", a).text();
    assertTrue(first.matches("mem://agent1/java\\.util\\.ArrayList@\\d+"), first);
    a.add("y");
    assertEquals(
        first, encoder.encode("other", a).text(), "same object, same pointer, even after a change");
    assertNotEquals(first, encoder.encode("v", b).text());
  }

  @Test
  void memoryPointerTypeComesFromTheClassName() {
    assertEquals(PointerTypes.MODEL, encoder.encode("m", new TipModel()).pointerType());
    assertEquals(PointerTypes.DATA, encoder.encode("m", new Object()).pointerType());
  }

  @Test
  void aValueThatCannotBeDescribedIsAnErrorNotAThrow() {
    ValueEncoder broken = new ValueEncoder("agent1", null, 5);
    CapturedValue v = broken.encode("x", new Object());
    assertEquals(ValueKind.ERROR, v.kind());
    assertEquals(NullPointerException.class.getName(), v.text());
    assertNull(v.pointerType());
  }

  /** A model-like class for the pointer type. */
  static final class TipModel {}

  /** A collection outside java.util whose size() must not be called. */
  static final class UserRows extends ArrayList<String> {
    @Override
    public int size() {
      throw new IllegalStateException("size() is the application's code");
    }
  }
}
