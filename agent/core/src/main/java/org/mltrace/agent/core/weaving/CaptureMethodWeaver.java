package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites one method so that each call becomes a component run.
 *
 * <h2>Design</h2>
 *
 * <pre>
 *   token = CaptureBridge.enter(id, new Object[]{ inputs read at entry })
 *   try {
 *     ...original body...; before every xRETURN:
 *         CaptureBridge.exit(token, new Object[]{ values read at this exit })
 *   } catch (Throwable t) { CaptureBridge.fail(token, t); throw t; }
 * </pre>
 *
 * <p>Woven code is one static call per point; all logic lives behind the bridge in plain Java.
 * Locals are read at an exit only when two independent facts agree: the LocalVariableTable says
 * the name is in scope there, and ASM's data-flow analysis of the original method proves that
 * slot holds a value of that kind on every path to that exit. When either fails the variable is
 * passed as {@code CaptureBridge.ABSENT}, so a wrong or unassigned slot is never read (which
 * would be a VerifyError in the host, or a wrong value in the record).
 *
 * <p>In constructors the handler starts after the {@code super(...)}/{@code this(...)} call: the
 * verifier forbids handlers that cover an uninitialized {@code this}. The exit hook runs inside
 * the try range; the hooks ignore a {@code fail} after an {@code exit} for the same token, so a
 * failure in the hook itself can never record a run twice.
 */
final class CaptureMethodWeaver {
  static final String BRIDGE = "org/mltrace/agent/bootstrap/CaptureBridge";
  private static final String OBJECT = "java/lang/Object";

  private CaptureMethodWeaver() {}

  static void weave(String owner, MethodNode m, int methodId, CapturePlan plan) throws AnalyzerException {
    Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(owner, m);
    List<AbstractInsnNode> returns = new ArrayList<>();
    Map<AbstractInsnNode, Frame<BasicValue>> returnFrames = new HashMap<>();
    for (int i = 0; i < m.instructions.size(); i++) {
      AbstractInsnNode insn = m.instructions.get(i);
      if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN && frames[i] != null) {
        returns.add(insn);
        returnFrames.put(insn, frames[i]);
      }
    }
    Map<AbstractInsnNode, List<LoadStep>> exitLoads = new HashMap<>();
    for (AbstractInsnNode ret : returns) {
      exitLoads.put(ret, exitLoadSteps(m, ret, returnFrames.get(ret), plan.exit()));
    }
    AbstractInsnNode superCall = m.name.equals("<init>") ? ConstructorScan.superCall(m) : null;

    int tokenSlot = m.maxLocals;
    int returnSlot = tokenSlot + 1;
    Type returnType = Type.getReturnType(m.desc);
    m.maxLocals = returnSlot + Math.max(1, returnType.getSize());

    InsnList enter = new InsnList();
    pushInt(enter, methodId);
    List<LoadStep> entrySteps = new ArrayList<>();
    for (VariableSource s : plan.entry()) {
      entrySteps.add(s instanceof VariableSource.Slot slot ? LoadStep.slot(slot.index(), slot.type()) : LoadStep.ABSENT);
    }
    buildArray(enter, entrySteps);
    enter.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "enter", "(I[Ljava/lang/Object;)Ljava/lang/Object;", false));
    enter.add(new VarInsnNode(Opcodes.ASTORE, tokenSlot));
    LabelNode tryStart = new LabelNode();
    if (superCall == null) {
      enter.add(tryStart);
    }
    m.instructions.insert(enter);
    if (superCall != null) {
      m.instructions.insert(superCall, tryStart);
    }

    boolean keepReturn = plan.needsReturnValue() && returnType.getSort() != Type.VOID;
    for (AbstractInsnNode ret : returns) {
      InsnList exit = new InsnList();
      if (keepReturn) {
        exit.add(new VarInsnNode(returnType.getOpcode(Opcodes.ISTORE), returnSlot));
      }
      exit.add(new VarInsnNode(Opcodes.ALOAD, tokenSlot));
      List<LoadStep> steps = new ArrayList<>();
      for (LoadStep step : exitLoads.get(ret)) {
        steps.add(step == LoadStep.RETURN ? (keepReturn ? LoadStep.slot(returnSlot, returnType) : LoadStep.ABSENT) : step);
      }
      buildArray(exit, steps);
      exit.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "exit", "(Ljava/lang/Object;[Ljava/lang/Object;)V", false));
      if (keepReturn) {
        exit.add(new VarInsnNode(returnType.getOpcode(Opcodes.ILOAD), returnSlot));
      }
      m.instructions.insertBefore(ret, exit);
    }

    if (m.name.equals("<init>") && superCall == null) {
      return; // no safe place for a handler; the run is still recorded on normal exits
    }
    LabelNode tryEnd = new LabelNode();
    LabelNode handler = new LabelNode();
    InsnList catchAll = new InsnList();
    catchAll.add(tryEnd);
    catchAll.add(handler);
    catchAll.add(new InsnNode(Opcodes.DUP));
    catchAll.add(new VarInsnNode(Opcodes.ALOAD, tokenSlot));
    catchAll.add(new InsnNode(Opcodes.SWAP));
    catchAll.add(new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "fail", "(Ljava/lang/Object;Ljava/lang/Throwable;)V", false));
    catchAll.add(new InsnNode(Opcodes.ATHROW));
    m.instructions.add(catchAll);
    // Added last so that the method's own handlers, which are more specific, take precedence.
    m.tryCatchBlocks.add(new TryCatchBlockNode(tryStart, tryEnd, handler, null));
  }

  /** For each exit source, how to load it at this return, or ABSENT when that is not proven safe. */
  private static List<LoadStep> exitLoadSteps(MethodNode m, AbstractInsnNode ret, Frame<BasicValue> frame, List<VariableSource> sources) {
    int at = m.instructions.indexOf(ret);
    List<LoadStep> steps = new ArrayList<>();
    for (VariableSource s : sources) {
      if (s instanceof VariableSource.Return) {
        steps.add(LoadStep.RETURN);
      } else if (s instanceof VariableSource.Slot slot) {
        steps.add(holds(frame, slot.index(), slot.type()) ? LoadStep.slot(slot.index(), slot.type()) : LoadStep.ABSENT);
      } else if (s instanceof VariableSource.Local local) {
        LocalVariableNode lv = inScope(m, local.name(), at);
        Type type = lv == null ? null : Type.getType(lv.desc);
        steps.add(lv != null && holds(frame, lv.index, type) ? LoadStep.slot(lv.index, type) : LoadStep.ABSENT);
      } else {
        steps.add(LoadStep.ABSENT);
      }
    }
    return steps;
  }

  private static LocalVariableNode inScope(MethodNode m, String name, int at) {
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

  private static void buildArray(InsnList code, List<LoadStep> steps) {
    if (steps.isEmpty()) {
      code.add(new InsnNode(Opcodes.ACONST_NULL));
      return;
    }
    pushInt(code, steps.size());
    code.add(new TypeInsnNode(Opcodes.ANEWARRAY, OBJECT));
    for (int i = 0; i < steps.size(); i++) {
      code.add(new InsnNode(Opcodes.DUP));
      pushInt(code, i);
      steps.get(i).emit(code);
      code.add(new InsnNode(Opcodes.AASTORE));
    }
  }

  static void pushInt(InsnList code, int value) {
    if (value >= -1 && value <= 5) {
      code.add(new InsnNode(Opcodes.ICONST_0 + value));
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      code.add(new IntInsnNode(Opcodes.BIPUSH, value));
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      code.add(new IntInsnNode(Opcodes.SIPUSH, value));
    } else {
      code.add(new LdcInsnNode(value));
    }
  }

  /** Pushes one boxed value (or ABSENT) onto the stack. */
  private record LoadStep(int slot, Type type) {
    static final LoadStep ABSENT = new LoadStep(-1, null);
    static final LoadStep RETURN = new LoadStep(-2, null);

    static LoadStep slot(int slot, Type type) {
      return new LoadStep(slot, type);
    }

    void emit(InsnList code) {
      if (type == null) {
        code.add(new FieldInsnNode(Opcodes.GETSTATIC, BRIDGE, "ABSENT", "Ljava/lang/Object;"));
        return;
      }
      code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), slot));
      Boxing.box(code, type);
    }
  }
}
