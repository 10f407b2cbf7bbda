package org.mltrace.agent.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.Stderr;
import org.mltrace.agent.spi.EncodedValue;

class PluginEncodersTest {
  @TempDir Path dir;

  @Test
  void theFirstJarWhosePluginSupportsTheClassIsChosen() throws Exception {
    PluginEncoders plugins =
        PluginEncoders.open(
            List.of(
                TestPluginJars.write(dir.resolve("throwing.jar"), ThrowingPlugin.class.getName()),
                TestPluginJars.write(dir.resolve("frames.jar"), TestFramePlugin.class.getName())));
    PluginEncoders.Bound bound = plugins.forClass(TestFrame.class);
    assertNotNull(bound);
    assertTrue(bound.toString().startsWith(ThrowingPlugin.class.getName()), bound.toString());
    assertNull(plugins.forClass(PluginEncodersTest.class), "no plugin supports it");
  }

  @Test
  void jdkClassesAndArraysAreNeverOffered() throws Exception {
    PluginEncoders plugins =
        PluginEncoders.open(
            List.of(TestPluginJars.write(dir.resolve("p.jar"), TestFramePlugin.class.getName())));
    int before = TestFramePlugin.SUPPORTS_CALLS.get();
    assertNull(plugins.forClass(ArrayList.class));
    assertNull(plugins.forClass(java.sql.Date.class), "platform loader");
    assertNull(plugins.forClass(TestFrame[].class));
    assertEquals(before, TestFramePlugin.SUPPORTS_CALLS.get(), "the plugin was not even asked");
  }

  @Test
  void aThrowingPluginIsCountedEachTimeReportedOnceAndAnswersNull() throws Exception {
    PluginEncoders plugins =
        PluginEncoders.open(
            List.of(
                TestPluginJars.write(dir.resolve("broken.jar"), ThrowingPlugin.class.getName())));
    PluginEncoders.Bound bound = plugins.forClass(TestFrame.class);
    long errors = AgentCounters.internalErrorCount();
    long pluginFailures = AgentHealth.PLUGIN_FAILED.total();
    String stderr =
        stderrOf(
            () -> {
              for (int i = 0; i < 3; i++) {
                assertNull(bound.encode(new TestFrame("a:int", List.of())));
              }
            });
    assertEquals(3, AgentCounters.internalErrorCount() - errors);
    assertEquals(
        3,
        AgentHealth.PLUGIN_FAILED.total() - pluginFailures,
        "counted as plugin_failed in the agent-health counts");
    assertEquals(1, stderr.lines().count(), stderr);
    assertTrue(
        stderr.contains("broken.jar failed in encode(" + TestFrame.class.getName() + ")"), stderr);
    assertTrue(stderr.contains("broken on purpose"), stderr);
  }

  @Test
  void aProviderThatCannotLoadIsSkippedCountedAndReported() throws Exception {
    PluginEncoders plugins =
        PluginEncoders.open(
            List.of(
                TestPluginJars.write(
                    dir.resolve("missing.jar"),
                    "com.example.NoSuchPlugin",
                    TestFramePlugin.class.getName())));
    long errors = AgentCounters.internalErrorCount();
    String stderr =
        stderrOf(
            () ->
                assertNotNull(
                    plugins.forClass(TestFrame.class), "the jar's other provider still works"));
    assertEquals(1, AgentCounters.internalErrorCount() - errors);
    assertTrue(
        stderr.contains("missing.jar could not be loaded")
            && stderr.contains("com.example.NoSuchPlugin"),
        stderr);
  }

  @Test
  void aPluginIsNotAskedAboutValuesItsOwnEncodeHandsBack() throws Exception {
    PluginEncoders plugins =
        PluginEncoders.open(
            List.of(TestPluginJars.write(dir.resolve("p.jar"), TestFramePlugin.class.getName())));
    PluginEncoders.Bound bound = plugins.forClass(TestFrame.class);
    EncodedValue[] inner = new EncodedValue[1];
    PluginEncoders.Bound reentering =
        new PluginEncoders.Bound(
            null,
            new TestFramePlugin() {
              @Override
              public EncodedValue encode(Object value) {
                inner[0] =
                    bound.encode(value); // as if the plugin called a traced method with the value
                return super.encode(value);
              }
            });
    assertNotNull(reentering.encode(new TestFrame("a:int", List.of())));
    assertNull(inner[0], "the nested call falls back to the default encoding");
  }

  static String stderrOf(Runnable action) throws Exception {
    return Stderr.of(action::run);
  }
}
