package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Test support: a method's code as text, with labels numbered in order of appearance, so two
 * readings of the same code compare equal regardless of constant pool layout.
 */
final class Instructions {
  private Instructions() {}

  static String render(MethodNode m) {
    Map<LabelNode, Integer> labels = new HashMap<>();
    for (AbstractInsnNode insn : m.instructions) {
      if (insn instanceof LabelNode l) {
        labels.put(l, labels.size());
      }
    }
    List<String> lines = new ArrayList<>();
    for (AbstractInsnNode insn : m.instructions) {
      lines.add(line(insn, labels));
    }
    for (TryCatchBlockNode t : m.tryCatchBlocks) {
      lines.add(
          "TRY L"
              + labels.get(t.start)
              + " L"
              + labels.get(t.end)
              + " L"
              + labels.get(t.handler)
              + " "
              + t.type);
    }
    if (m.localVariables != null) {
      for (LocalVariableNode v : m.localVariables) {
        lines.add(
            "LOCAL "
                + v.name
                + " "
                + v.desc
                + " "
                + v.index
                + " L"
                + labels.get(v.start)
                + " L"
                + labels.get(v.end));
      }
    }
    return String.join("\n", lines);
  }

  private static String line(AbstractInsnNode insn, Map<LabelNode, Integer> labels) {
    String op = insn.getOpcode() >= 0 ? "op" + insn.getOpcode() : "";
    if (insn instanceof LabelNode l) {
      return "L" + labels.get(l);
    } else if (insn instanceof LineNumberNode n) {
      return "LINE " + n.line + " L" + labels.get(n.start);
    } else if (insn instanceof VarInsnNode v) {
      return op + " " + v.var;
    } else if (insn instanceof IntInsnNode i) {
      return op + " " + i.operand;
    } else if (insn instanceof LdcInsnNode l) {
      return op + " " + l.cst;
    } else if (insn instanceof MethodInsnNode mi) {
      return op + " " + mi.owner + "." + mi.name + mi.desc;
    } else if (insn instanceof FieldInsnNode f) {
      return op + " " + f.owner + "." + f.name + " " + f.desc;
    } else if (insn instanceof TypeInsnNode t) {
      return op + " " + t.desc;
    } else if (insn instanceof JumpInsnNode j) {
      return op + " L" + labels.get(j.label);
    } else if (insn instanceof IincInsnNode i) {
      return op + " " + i.var + " " + i.incr;
    } else if (insn instanceof InvokeDynamicInsnNode d) {
      return op + " " + d.name + d.desc + " " + d.bsm;
    } else if (insn instanceof TableSwitchInsnNode t) {
      return op
          + " "
          + t.min
          + ".."
          + t.max
          + " L"
          + labels.get(t.dflt)
          + " "
          + t.labels.stream().map(labels::get).toList();
    } else if (insn instanceof LookupSwitchInsnNode s) {
      return op
          + " "
          + s.keys
          + " L"
          + labels.get(s.dflt)
          + " "
          + s.labels.stream().map(labels::get).toList();
    } else if (insn instanceof MultiANewArrayInsnNode a) {
      return op + " " + a.desc + " " + a.dims;
    }
    return op;
  }
}
