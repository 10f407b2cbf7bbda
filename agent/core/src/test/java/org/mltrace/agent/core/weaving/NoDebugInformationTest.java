package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.agent.core.weaving.WovenClasses.FIXTURES;
import static org.mltrace.agent.core.weaving.WovenClasses.component;
import static org.mltrace.agent.core.weaving.WovenClasses.yaml;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.Stderr;
import org.mltrace.agent.core.weaving.CaptureTransformerTest.Call;
import org.mltrace.fixtures.weaving.Pipeline;
import org.mltrace.fixtures.weaving.Stages;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Classes compiled without debug information ({@code javac -g:none}, no {@code -parameters}): the
 * fixtures' class files with their LocalVariableTable and MethodParameters stripped. Parameters are
 * still found as {@code argN}; a name is recorded as absent, and one warning says why.
 */
class NoDebugInformationTest {
  private static final String HINT =
      "(the class has no debug information: compile with -g, or use argN)";
  private final CaptureTransformerTest.Recording hooks =
      CaptureTransformerTest.Recording.installed();

  @AfterEach
  void removeHooks() {
    CaptureBridge.install(null);
  }

  /** The class file as {@code javac -g:none} would write it. */
  private static byte[] withoutDebugInformation(Class<?> fixture) throws Exception {
    ClassWriter writer = new ClassWriter(0);
    // SKIP_DEBUG drops LocalVariableTable, LocalVariableTypeTable, LineNumberTable, SourceFile and
    // MethodParameters.
    new ClassReader(WovenClasses.classBytes(fixture)).accept(writer, ClassReader.SKIP_DEBUG);
    return writer.toByteArray();
  }

  @Test
  void parametersAreReadAsArgNAndANamedOneIsAbsentWithOneWarningSayingWhy() throws Throwable {
    byte[] stripped = withoutDebugInformation(Pipeline.class);
    String yaml =
        yaml(component("mix", "#mix(long, double, int)", "a, arg0, arg1, arg2", "return"));
    WovenClasses[] woven = new WovenClasses[1];
    String first = Stderr.of(() -> woven[0] = WovenClasses.weave(yaml, Pipeline.class, stripped));
    String again = Stderr.of(() -> WovenClasses.weave(yaml, Pipeline.class, stripped));

    assertEquals(10.5, woven[0].call(Pipeline.class, "mix", 4L, 2.5, 4));
    Call c = hooks.only();
    assertSame(
        CaptureBridge.ABSENT,
        woven[0].value(c, "a", true),
        "no table names the first parameter 'a'");
    assertEquals(4L, woven[0].value(c, "arg0", true));
    assertEquals(2.5, woven[0].value(c, "arg1", true));
    assertEquals(4, woven[0].value(c, "arg2", true));
    assertEquals(10.5, woven[0].value(c, "return", false));

    assertEquals(1, first.lines().count(), first);
    assertTrue(
        first.startsWith(
            "[mltrace] warning: component 'mix' ("
                + FIXTURES
                + "Pipeline#mix(long, double, int)): "
                + "no parameter or local named 'a' "
                + HINT),
        first);
    assertTrue(first.contains("available: arg0, arg1, arg2, return"), first);
    assertEquals("", again, "the same method and name are warned about once per JVM");
  }

  @Test
  void aLocalOfAMethodWithoutParametersIsAbsentAndTheWarningStillSaysWhy() throws Throwable {
    byte[] stripped = withoutDebugInformation(Stages.class);
    WovenClasses[] woven = new WovenClasses[1];
    String warning =
        Stderr.of(
            () ->
                woven[0] =
                    WovenClasses.weave(
                        yaml(component("today", FIXTURES + "Stages#today()", "", "stamp, return")),
                        Stages.class,
                        stripped));

    assertEquals("2026-11-29", woven[0].call(Stages.class, "today"));
    Call c = hooks.only();
    assertSame(
        CaptureBridge.ABSENT,
        woven[0].value(c, "stamp", false),
        "never the value of whatever is in a slot");
    assertEquals("2026-11-29", woven[0].value(c, "return", false));
    assertTrue(warning.contains("no parameter or local named 'stamp' " + HINT), warning);
  }
}
