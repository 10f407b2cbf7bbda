package org.mltrace.agent.core.weaving;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.VarInsnNode;

/** How woven code pushes one boxed value (or ABSENT) onto the stack. */
record LoadStep(int slot, Type type) {
  static final LoadStep ABSENT = new LoadStep(-1, null);
  static final LoadStep RETURN = new LoadStep(-2, null);

  static LoadStep slot(int slot, Type type) {
    return new LoadStep(slot, type);
  }

  void emit(InsnList code) {
    if (type == null) {
      code.add(
          new FieldInsnNode(
              Opcodes.GETSTATIC, CaptureMethodWeaver.BRIDGE, "ABSENT", "Ljava/lang/Object;"));
      return;
    }
    code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
    Boxing.box(code, type);
  }
}
