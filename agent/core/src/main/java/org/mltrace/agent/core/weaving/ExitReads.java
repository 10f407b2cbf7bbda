package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * For each reachable return of a method, how each exit source is read there: a slot, the return
 * value, or ABSENT. The weaver emits exactly these reads, and {@code check} reports them, so the
 * two cannot disagree about which exits see a local.
 *
 * <p>A local is read at an exit only when two independent facts agree: the LocalVariableTable says
 * the name is in scope there, and ASM's data-flow analysis of the original method proves that slot
 * holds a value of that kind on every path to that exit.
 */
final class ExitReads {
  private final Map<AbstractInsnNode, List<LoadStep>> steps;
  private final Map<AbstractInsnNode, Integer> lines;

  private ExitReads(
      Map<AbstractInsnNode, List<LoadStep>> steps, Map<AbstractInsnNode, Integer> lines) {
    this.steps = steps;
    this.lines = lines;
  }

  /** Analyzes the method as it is now (call before inserting any code). */
  static ExitReads of(String owner, MethodNode m, List<VariableSource> exitSources)
      throws AnalyzerException {
    Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
    Map<AbstractInsnNode, List<LoadStep>> steps = new LinkedHashMap<>();
    Map<AbstractInsnNode, Integer> lines = new LinkedHashMap<>();
    int line = -1;
    for (int i = 0; i < m.instructions.size(); i++) {
      AbstractInsnNode insn = m.instructions.get(i);
      if (insn instanceof LineNumberNode ln) {
        line = ln.line;
      }
      if (insn.getOpcode() >= Opcodes.IRETURN
          && insn.getOpcode() <= Opcodes.RETURN
          && frames[i] != null) {
        steps.put(insn, stepsAt(m, i, frames[i], exitSources));
        lines.put(insn, line);
      }
    }
    return new ExitReads(steps, lines);
  }

  /** The reachable return instructions, in code order. */
  List<AbstractInsnNode> returns() {
    return new ArrayList<>(steps.keySet());
  }

  List<LoadStep> steps(AbstractInsnNode ret) {
    return steps.get(ret);
  }

  /** The source line of a return, or -1 without line numbers. */
  int line(AbstractInsnNode ret) {
    return lines.get(ret);
  }

  private static List<LoadStep> stepsAt(
      MethodNode m, int at, Frame<BasicValue> frame, List<VariableSource> sources) {
    List<LoadStep> result = new ArrayList<>();
    for (VariableSource s : sources) {
      if (s instanceof VariableSource.Return) {
        result.add(LoadStep.RETURN);
      } else if (s instanceof VariableSource.Slot slot) {
        result.add(
            holds(frame, slot.index(), slot.type())
                ? LoadStep.slot(slot.index(), slot.type())
                : LoadStep.ABSENT);
      } else if (s instanceof VariableSource.Local local) {
        LocalVariableNode lv = inScope(m, local.name(), at);
        Type type = lv == null ? null : Type.getType(lv.desc);
        result.add(
            lv != null && holds(frame, lv.index, type)
                ? LoadStep.slot(lv.index, type)
                : LoadStep.ABSENT);
      } else {
        result.add(LoadStep.ABSENT);
      }
    }
    return result;
  }

  /** The innermost declaration of {@code name} whose range covers instruction {@code at}. */
  static LocalVariableNode inScope(MethodNode m, String name, int at) {
    LocalVariableNode best = null;
    int bestStart = -1;
    for (LocalVariableNode lv : m.localVariables) {
      if (!lv.name.equals(name)) {
        continue;
      }
      int start = m.instructions.indexOf(lv.start);
      int end = m.instructions.indexOf(lv.end);
      if (start <= at && at < end && start > bestStart) {
        best = lv;
        bestStart = start;
      }
    }
    return best;
  }

  /** True when data-flow analysis proves the slot holds a value of the type's kind here. */
  private static boolean holds(Frame<BasicValue> frame, int slot, Type type) {
    if (slot + type.getSize() > frame.getLocals()) {
      return false;
    }
    BasicValue v = frame.getLocal(slot);
    return switch (type.getSort()) {
      case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> v == BasicValue.INT_VALUE;
      case Type.FLOAT -> v == BasicValue.FLOAT_VALUE;
      case Type.LONG -> v == BasicValue.LONG_VALUE;
      case Type.DOUBLE -> v == BasicValue.DOUBLE_VALUE;
      case Type.OBJECT, Type.ARRAY -> v == BasicValue.REFERENCE_VALUE;
      default -> false;
    };
  }
}
