package org.mltrace.agent.core.weaving;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.agent.core.capture.FieldPath;
import org.mltrace.agent.core.capture.PlannedVariable;
import org.mltrace.agent.core.config.ComponentSpec;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * What weaving one method for one component would read, without weaving it: the same {@link
 * CapturePlanner} and {@link ExitReads} that {@link CaptureTransformer} uses, so that {@code check}
 * reports exactly what the agent will do at run time.
 */
public final class PlanPreview {
  /** Where a variable comes from. */
  public enum Source {
    PARAMETER,
    THIS,
    RETURN,
    LOCAL,
    MISSING
  }

  /**
   * One YAML variable against one method.
   *
   * @param variable the YAML name, field path included
   * @param input true for an input
   * @param source what its first segment resolved to
   * @param types the declared types of that first segment (a local may be declared more than once
   *     with different types); empty when missing
   * @param atEntry read once at entry (parameters and {@code this} as inputs)
   * @param exitLinesRead the source lines of the exits where it is read (empty when read at entry
   *     or at none); -1 for an exit without line numbers
   * @param problems why it cannot be resolved, from the planner
   * @param planned the planner's record of it (options, field path)
   */
  public record Variable(
      String variable,
      boolean input,
      Source source,
      List<Type> types,
      boolean atEntry,
      List<Integer> exitLinesRead,
      List<String> problems,
      PlannedVariable planned) {

    /** Whether any call would record a value for it (entry, or at least one exit). */
    public boolean everRead() {
      return source != Source.MISSING && (atEntry || !exitLinesRead.isEmpty());
    }
  }

  /**
   * @param variables in YAML order, inputs first; {@code capture: none} ones left out
   * @param exitLines the source lines of all reachable exits
   * @param weaveProblem why the agent would leave the method unwoven, or null
   */
  public record Method(List<Variable> variables, List<Integer> exitLines, String weaveProblem) {}

  private PlanPreview() {}

  public static Method of(ClassNode owner, MethodNode m, ComponentSpec component) {
    CapturePlan plan = CapturePlanner.plan(owner, m, component);
    ExitReads reads;
    try {
      reads = ExitReads.of(owner.name, m, plan.exit());
    } catch (AnalyzerException | RuntimeException e) {
      return new Method(
          List.of(),
          List.of(),
          "its bytecode could not be analyzed ("
              + e.getMessage()
              + "); the agent leaves the class unwoven");
    }
    List<AbstractInsnNode> returns = reads.returns();
    List<Integer> exitLines = returns.stream().map(reads::line).toList();
    List<Variable> variables = new ArrayList<>();
    for (int i = 0; i < plan.variables().size(); i++) {
      PlannedVariable v = plan.variables().get(i);
      VariableSource s = (v.atEntry() ? plan.entry() : plan.exit()).get(v.index());
      List<Integer> readAt = new ArrayList<>();
      if (!v.atEntry()) {
        for (AbstractInsnNode ret : returns) {
          if (reads.steps(ret).get(v.index()) != LoadStep.ABSENT) {
            readAt.add(reads.line(ret));
          }
        }
      }
      variables.add(
          new Variable(
              v.name(),
              v.input(),
              sourceOf(s, FieldPath.rootOf(v.name())),
              typesOf(m, s),
              v.atEntry(),
              readAt,
              plan.variableProblems().get(i),
              v));
    }
    return new Method(variables, exitLines, null);
  }

  private static Source sourceOf(VariableSource s, String root) {
    if (s instanceof VariableSource.Slot) {
      return root.equals("this") ? Source.THIS : Source.PARAMETER;
    }
    if (s instanceof VariableSource.Return) {
      return Source.RETURN;
    }
    if (s instanceof VariableSource.Local) {
      return Source.LOCAL;
    }
    return Source.MISSING;
  }

  private static List<Type> typesOf(MethodNode m, VariableSource s) {
    if (s instanceof VariableSource.Slot slot) {
      return List.of(slot.type());
    }
    if (s instanceof VariableSource.Return r) {
      return List.of(r.type());
    }
    if (s instanceof VariableSource.Local local) {
      Set<Type> types = new LinkedHashSet<>();
      for (LocalVariableNode lv : m.localVariables) {
        if (lv.name.equals(local.name())) {
          types.add(Type.getType(lv.desc));
        }
      }
      return List.copyOf(types);
    }
    return List.of();
  }
}
