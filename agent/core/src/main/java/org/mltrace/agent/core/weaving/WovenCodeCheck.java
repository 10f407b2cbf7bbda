package org.mltrace.agent.core.weaving;

import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Checks the woven methods of a rewritten class before the JVM sees them, so that a weaving bug
 * costs only the instrumentation of that class, not a {@link VerifyError} inside the application: a
 * method that fails is reported by the transformer, which then keeps the class's original bytes.
 *
 * <p>ASM's {@link BasicVerifier} checks stack heights, operand kinds (int, long, reference...) and
 * local variable use on every path, without loading any class (the JVM's type checks against the
 * class hierarchy cannot be done here); it runs once per woven class, at class load.
 */
final class WovenCodeCheck {
  private WovenCodeCheck() {}

  /**
   * @param methods {@code name + descriptor} of the woven methods
   * @throws AnalyzerException naming the first method whose code is invalid
   */
  static void verify(byte[] classFile, Set<String> methods) throws AnalyzerException {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
    for (MethodNode m : node.methods) {
      if (methods.contains(m.name + m.desc)) {
        try {
          new Analyzer<BasicValue>(new BasicVerifier()).analyze(node.name, m);
        } catch (AnalyzerException e) {
          throw new AnalyzerException(
              e.node, "woven " + m.name + m.desc + " fails verification: " + e.getMessage(), e);
        }
      }
    }
  }
}
