package org.mltrace.agent.core.weaving;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Finds the {@code super(...)} or {@code this(...)} call that initializes a constructor's this. */
final class ConstructorScan {
  private ConstructorScan() {}

  /**
   * The first {@code INVOKESPECIAL <init>} not paired with an earlier {@code NEW}, or null when the
   * shape is unusual (then the caller does not add a handler).
   */
  static AbstractInsnNode superCall(MethodNode m) {
    int pendingNews = 0;
    for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn.getOpcode() == Opcodes.NEW) {
        pendingNews++;
      } else if (insn.getOpcode() == Opcodes.INVOKESPECIAL
          && ((MethodInsnNode) insn).name.equals("<init>")) {
        if (pendingNews == 0) {
          return insn;
        }
        pendingNews--;
      } else if (insn.getOpcode() >= Opcodes.IFEQ
          && insn.getOpcode() <= Opcodes.LOOKUPSWITCH
          && pendingNews == 0) {
        return null; // branches before super(): too clever to reason about linearly
      }
    }
    return null;
  }
}
