package org.mltrace.agent.core.weaving;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;

/** Emits the {@code valueOf} call that boxes a primitive on the stack; references pass as is. */
final class Boxing {
  private Boxing() {}

  static void box(InsnList code, Type type) {
    String box =
        switch (type.getSort()) {
          case Type.BOOLEAN -> "java/lang/Boolean";
          case Type.CHAR -> "java/lang/Character";
          case Type.BYTE -> "java/lang/Byte";
          case Type.SHORT -> "java/lang/Short";
          case Type.INT -> "java/lang/Integer";
          case Type.FLOAT -> "java/lang/Float";
          case Type.LONG -> "java/lang/Long";
          case Type.DOUBLE -> "java/lang/Double";
          default -> null;
        };
    if (box != null) {
      code.add(
          new MethodInsnNode(
              Opcodes.INVOKESTATIC,
              box,
              "valueOf",
              "(" + type.getDescriptor() + ")L" + box + ";",
              false));
    }
  }
}
