package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Rewrites one method so that each call becomes a component run.
 *
 * <h2>Design</h2>
 *
 * <pre>
 *   token = CaptureBridge.enter(id)
 *   if (CaptureBridge.recording(token)) CaptureBridge.entry(token, new Object[]{ inputs read at entry })
 *   try {
 *     ...original body...; before every xRETURN:
 *         CaptureBridge.exit(token, CaptureBridge.recording(token) ? new Object[]{ values read at this exit } : null)
 *   } catch (Throwable t) { CaptureBridge.fail(token, t); throw t; }
 * </pre>
 *
 * <p>Woven code is static calls and one branch per point; all logic lives behind the bridge in
 * plain Java. The branch is there so that a call the agent only counts (sampled out, or the circuit
 * breaker open) boxes no value and allocates no array. Locals are read at an exit only when two
 * independent facts agree: the LocalVariableTable says the name is in scope there, and ASM's
 * data-flow analysis of the original method proves that slot holds a value of that kind on every
 * path to that exit ({@link ExitReads}). When either fails the variable is passed as {@code
 * CaptureBridge.ABSENT}, so a wrong or unassigned slot is never read (which would be a VerifyError
 * in the host, or a wrong value in the record).
 *
 * <p>In constructors the handler starts after the {@code super(...)}/{@code this(...)} call: the
 * verifier forbids handlers that cover an uninitialized {@code this}. The exit hook runs inside the
 * try range; the hooks ignore a {@code fail} after an {@code exit} for the same token, so a failure
 * in the hook itself can never record a run twice.
 */
final class CaptureMethodWeaver {
  static final String BRIDGE = "org/mltrace/agent/bootstrap/CaptureBridge";
  private static final String OBJECT = "java/lang/Object";

  private CaptureMethodWeaver() {}

  static void weave(String owner, MethodNode m, int methodId, CapturePlan plan)
      throws AnalyzerException {
    ExitReads reads = ExitReads.of(owner, m, plan.exit());
    List<AbstractInsnNode> returns = reads.returns();
    AbstractInsnNode superCall = m.name.equals("<init>") ? ConstructorScan.superCall(m) : null;

    int tokenSlot = m.maxLocals;
    int returnSlot = tokenSlot + 1;
    Type returnType = Type.getReturnType(m.desc);
    m.maxLocals = returnSlot + Math.max(1, returnType.getSize());

    InsnList enter = new InsnList();
    pushInt(enter, methodId);
    enter.add(
        new MethodInsnNode(Opcodes.INVOKESTATIC, BRIDGE, "enter", "(I)Ljava/lang/Object;", false));
    enter.add(new VarInsnNode(Opcodes.ASTORE, tokenSlot));
    List<LoadStep> entrySteps = new ArrayList<>();
    for (VariableSource s : plan.entry()) {
      entrySteps.add(
          s instanceof VariableSource.Slot slot
              ? LoadStep.slot(slot.index(), slot.type())
              : LoadStep.ABSENT);
    }
    if (!entrySteps.isEmpty()) {
      LabelNode notRecording = new LabelNode();
      ifRecording(enter, tokenSlot, notRecording);
      enter.add(new VarInsnNode(Opcodes.ALOAD, tokenSlot));
      buildArray(enter, entrySteps);
      enter.add(
          new MethodInsnNode(
              Opcodes.INVOKESTATIC,
              BRIDGE,
              "entry",
              "(Ljava/lang/Object;[Ljava/lang/Object;)V",
              false));
      enter.add(notRecording);
    }
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
      List<LoadStep> steps = new ArrayList<>();
      for (LoadStep step : reads.steps(ret)) {
        steps.add(
            step == LoadStep.RETURN
                ? (keepReturn ? LoadStep.slot(returnSlot, returnType) : LoadStep.ABSENT)
                : step);
      }
      exit.add(new VarInsnNode(Opcodes.ALOAD, tokenSlot));
      if (steps.isEmpty()) {
        exit.add(new InsnNode(Opcodes.ACONST_NULL));
      } else {
        LabelNode notRecording = new LabelNode();
        LabelNode call = new LabelNode();
        ifRecording(exit, tokenSlot, notRecording);
        buildArray(exit, steps);
        exit.add(new JumpInsnNode(Opcodes.GOTO, call));
        exit.add(notRecording);
        exit.add(new InsnNode(Opcodes.ACONST_NULL));
        exit.add(call);
      }
      exit.add(
          new MethodInsnNode(
              Opcodes.INVOKESTATIC,
              BRIDGE,
              "exit",
              "(Ljava/lang/Object;[Ljava/lang/Object;)V",
              false));
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
    catchAll.add(
        new MethodInsnNode(
            Opcodes.INVOKESTATIC,
            BRIDGE,
            "fail",
            "(Ljava/lang/Object;Ljava/lang/Throwable;)V",
            false));
    catchAll.add(new InsnNode(Opcodes.ATHROW));
    m.instructions.add(catchAll);
    // Added last so that the method's own handlers, which are more specific, take precedence.
    m.tryCatchBlocks.add(new TryCatchBlockNode(tryStart, tryEnd, handler, null));
  }

  /** Jumps to {@code otherwise} unless {@code CaptureBridge.recording(token)}. */
  private static void ifRecording(InsnList code, int tokenSlot, LabelNode otherwise) {
    code.add(new VarInsnNode(Opcodes.ALOAD, tokenSlot));
    code.add(
        new MethodInsnNode(
            Opcodes.INVOKESTATIC, BRIDGE, "recording", "(Ljava/lang/Object;)Z", false));
    code.add(new JumpInsnNode(Opcodes.IFEQ, otherwise));
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
}
