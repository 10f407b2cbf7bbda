package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.plugins.PluginEncoders;
import org.mltrace.agent.core.plugins.TestFrame;
import org.mltrace.agent.core.plugins.TestFramePlugin;
import org.mltrace.agent.core.plugins.TestPluginJars;
import org.mltrace.agent.core.plugins.ThrowingPlugin;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

class ValueEncoderPluginTest {
  @TempDir Path dir;

  private ValueEncoder encoderWith(String... providers) throws Exception {
    Path jar = TestPluginJars.write(Files.createTempFile(dir, "plugin", ".jar"), providers);
    return new ValueEncoder(
        "agent1", new ObjectIds(), 256, 1024, PluginEncoders.open(List.of(jar)));
  }

  @Test
  void aPluginAddsTheSchemaBesideTheValueAndItsSourcesAsInputs() throws Exception {
    Path csv = Files.writeString(dir.resolve("raw.csv"), "a,b\n1,2\n");
    ValueEncoder encoder = encoderWith(TestFramePlugin.class.getName());
    TestFrame frame =
        new TestFrame(
            "struct<a:int,b:int>",
            List.of(csv.toUri().toString(), "s3a://bucket/events/", csv.toString()));
    DerivedValues derived = new DerivedValues();

    CapturedValue value = encoder.encode("df", CaptureOptions.DEFAULTS, frame, derived, false);
    List<CapturedValue> inputs = new ArrayList<>();
    List<CapturedValue> outputs = new ArrayList<>();
    derived.appendTo(inputs, outputs);

    ValueEncoder plain = new ValueEncoder("agent1", new ObjectIds(), 256);
    assertEquals(
        plain.encode("df", frame).text().replaceAll("@\\d+$", ""),
        value.text().replaceAll("@\\d+$", ""),
        "the value keeps the agent's in-memory identity");
    assertEquals(ValueKind.POINTER, value.kind());
    assertEquals(
        List.of("df.schema"),
        outputs.stream().map(CapturedValue::name).toList(),
        "an output's schema is an output");
    assertEquals("struct<a:int,b:int>", outputs.get(0).text());
    assertEquals(
        List.of("df.source[0]", "df.source[1]", "df.source[2]"),
        inputs.stream().map(CapturedValue::name).toList());
    CapturedValue file = inputs.get(0);
    assertEquals(
        csv.toString(),
        file.text(),
        "a file: URI is the same pointer as the path a writer recorded");
    assertEquals(Files.size(csv), file.size());
    assertTrue(file.fingerprint().startsWith("xxh64:"), file.toString());
    assertEquals(file.fingerprint(), inputs.get(2).fingerprint());
    assertEquals("s3a://bucket/events/", inputs.get(1).text());
    assertEquals("data", inputs.get(1).pointerType());
    assertNull(inputs.get(1).file());
  }

  @Test
  void theSameObjectKeepsItsIdentityAcrossCalls() throws Exception {
    ValueEncoder encoder = encoderWith(TestFramePlugin.class.getName());
    TestFrame frame = new TestFrame("a:int", List.of());
    assertEquals(encoder.encode("x", frame).text(), encoder.encode("y", frame).text());
  }

  @Test
  void supportsIsAskedOncePerClass() throws Exception {
    ValueEncoder encoder = encoderWith(TestFramePlugin.class.getName());
    int before = TestFramePlugin.SUPPORTS_CALLS.get();
    for (int i = 0; i < 5; i++) {
      encoder.encode(
          "df",
          CaptureOptions.DEFAULTS,
          new TestFrame("a:int", List.of()),
          new DerivedValues(),
          true);
    }
    assertEquals(1, TestFramePlugin.SUPPORTS_CALLS.get() - before);
  }

  @Test
  void aFailingPluginLeavesTheDefaultEncoding() throws Exception {
    ValueEncoder encoder = encoderWith(ThrowingPlugin.class.getName());
    TestFrame frame = new TestFrame("a:int", List.of("/tmp/x.csv"));
    DerivedValues derived = new DerivedValues();
    CapturedValue value = encoder.encode("df", CaptureOptions.DEFAULTS, frame, derived, true);
    assertEquals(ValueKind.POINTER, value.kind());
    assertTrue(
        value.text().startsWith("mem://agent1/" + TestFrame.class.getName() + "@"), value.text());
    List<CapturedValue> inputs = new ArrayList<>();
    derived.appendTo(inputs, new ArrayList<>());
    assertEquals(List.of(), inputs);
  }

  @Test
  void captureModePointerAndRedactAskNoPlugin() throws Exception {
    ValueEncoder encoder = encoderWith(TestFramePlugin.class.getName());
    TestFrame frame = new TestFrame("secret_column:int", List.of("/tmp/x.csv"));
    for (CaptureOptions options :
        List.of(
            new CaptureOptions(null, CaptureMode.POINTER, false, 256, 1024),
            new CaptureOptions(null, CaptureMode.AUTO, true, 256, 1024))) {
      DerivedValues derived = new DerivedValues();
      encoder.encode("df", options, frame, derived, true);
      List<CapturedValue> inputs = new ArrayList<>();
      List<CapturedValue> outputs = new ArrayList<>();
      derived.appendTo(inputs, outputs);
      assertEquals(List.of(), inputs, options.toString());
      assertEquals(List.of(), outputs, options.toString());
    }
  }
}
