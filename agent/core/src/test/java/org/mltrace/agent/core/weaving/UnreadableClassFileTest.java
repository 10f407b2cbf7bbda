package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.TypeHierarchy;

/**
 * A class file the agent's ASM cannot read (a newer class-file version than it knows, or garbage)
 * is left exactly as it is and counted: an older ASM inside an agent must never break a newer
 * application ("Unsupported class file major version").
 */
class UnreadableClassFileTest {
  private static final String PIPELINE = "org/mltrace/fixtures/weaving/Pipeline";

  /** An application loader: the transformer ignores classes of its own (the agent's) loader. */
  private static final ClassLoader APP =
      new ClassLoader(UnreadableClassFileTest.class.getClassLoader()) {};

  private static CaptureTransformer transformer() throws Exception {
    TypeHierarchy hierarchy = new TypeHierarchy();
    MethodMatcher matcher =
        new MethodMatcher(
            ConfigLoader.parse(
                "t.yaml",
                """
        components:
          - name: any
            method: "org.mltrace.fixtures.weaving.Pipeline#*(..)"
        """),
            hierarchy);
    return new CaptureTransformer(matcher, hierarchy, new MethodRegistry(), module -> {});
  }

  private static byte[] pipelineBytes() throws Exception {
    try (InputStream in =
        UnreadableClassFileTest.class.getClassLoader().getResourceAsStream(PIPELINE + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void aClassFileVersionNewerThanAsmKnowsIsLeftUntouchedAndCounted() throws Exception {
    byte[] bytes = pipelineBytes();
    bytes[6] = (byte) 0x7F; // major version 0x7F..: far beyond any JDK this ASM supports
    bytes[7] = (byte) 0xFF;
    long errors = AgentCounters.internalErrorCount();
    assertNull(transformer().transform(null, APP, PIPELINE, null, null, bytes));
    assertEquals(errors + 1, AgentCounters.internalErrorCount());
  }

  @Test
  void garbageIsLeftUntouchedAndCounted() throws Exception {
    long errors = AgentCounters.internalErrorCount();
    assertNull(
        transformer()
            .transform(
                null, APP, PIPELINE, null, null, new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2}));
    assertEquals(errors + 1, AgentCounters.internalErrorCount());
  }

  @Test
  void theSameClassFileWithItsRealVersionIsWoven() throws Exception {
    // Guards the two tests above: they fail for the reason they name, not for another.
    byte[] woven = transformer().transform(null, APP, PIPELINE, null, null, pipelineBytes());
    assertEquals(true, woven != null);
  }
}
