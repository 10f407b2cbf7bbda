package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.Stderr;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.TypeHierarchy;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.analysis.AnalyzerException;

class WovenCodeCheckTest {
  private static final String BROKEN = "org/mltrace/fixtures/weaving/Broken";
  private static final ClassLoader APP =
      new ClassLoader(WovenCodeCheckTest.class.getClassLoader()) {};

  /** A class whose {@code bad()I} adds with one operand on the stack; {@code good()I} is fine. */
  static byte[] brokenClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, BROKEN, null, "java/lang/Object", null);
    MethodVisitor bad =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "bad", "()I", null, null);
    bad.visitCode();
    bad.visitInsn(Opcodes.ICONST_1);
    bad.visitInsn(Opcodes.IADD);
    bad.visitInsn(Opcodes.IRETURN);
    bad.visitMaxs(2, 0);
    bad.visitEnd();
    MethodVisitor good =
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "good", "()I", null, null);
    good.visitCode();
    good.visitInsn(Opcodes.ICONST_1);
    good.visitInsn(Opcodes.IRETURN);
    good.visitMaxs(1, 0);
    good.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void invalidCodeInACheckedMethodIsRejectedWithItsName() {
    AnalyzerException e =
        assertThrows(
            AnalyzerException.class, () -> WovenCodeCheck.verify(brokenClass(), Set.of("bad()I")));
    assertTrue(e.getMessage().contains("woven bad()I fails verification"), e.getMessage());
  }

  @Test
  void onlyTheWovenMethodsAreChecked() throws Exception {
    WovenCodeCheck.verify(brokenClass(), Set.of("good()I"));
  }

  @Test
  void aClassWhoseWovenCodeFailsKeepsItsOriginalBytesAndIsCounted() throws Exception {
    TypeHierarchy hierarchy = new TypeHierarchy();
    MethodMatcher matcher =
        new MethodMatcher(
            ConfigLoader.parse(
                "t.yaml",
                """
        components:
          - name: bad
            method: "org.mltrace.fixtures.weaving.Broken#bad()"
            outputs: [return]
        """),
            hierarchy);
    CaptureTransformer transformer =
        new CaptureTransformer(matcher, hierarchy, new MethodRegistry(), module -> {});
    long before = AgentHealth.WEAVE_FAILED.total();
    String warnings =
        Stderr.of(
            () -> {
              for (int i = 0; i < 2; i++) { // a second loader defining the same class, say
                assertNull(
                    transformer.transform(null, APP, BROKEN, null, null, brokenClass()),
                    "null: the JVM keeps the original bytes");
              }
            });
    assertEquals(before + 2, AgentHealth.WEAVE_FAILED.total(), "counted each time");
    assertEquals(false, transformer.hasWoven(BROKEN));
    assertEquals(1, warnings.lines().count(), "reported once: " + warnings);
    assertTrue(
        warnings.startsWith(
            "[mltrace] warning: left org.mltrace.fixtures.weaving.Broken uninstrumented: "),
        warnings);
  }
}
