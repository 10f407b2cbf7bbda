package org.mltrace.agent.core.offline;

import java.util.List;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.MethodSignature;
import org.mltrace.agent.core.weaving.PlanPreview;

/** What {@link ConfigCheck} found, per component; printed by {@link CheckReport}. */
record CheckResult(String config, int classCount, List<Component> components) {

  /** A problem for the user, located at a YAML line. */
  record Problem(int line, String message) {}

  /**
   * One variable of one method: the planner's answer plus how it will be recorded.
   *
   * @param capture the expected kind ({@code ExpectedCapture}), null when the variable is missing
   * @param fieldType for a field path, the declared type at its end, or null
   * @param fieldNote for a field path, why its type is not known here, or null
   */
  record Variable(
      PlanPreview.Variable preview, String capture, String fieldType, String fieldNote) {}

  /** One method a signature resolved to. */
  record Method(
      String owner,
      String name,
      String descriptor,
      List<Variable> variables,
      List<Integer> exitLines,
      String weaveProblem) {
    String describe() {
      return owner + "#" + name + descriptor;
    }
  }

  /**
   * @param subtypes for {@code Class+}: the classes the methods were found in
   * @param nearest when nothing matched: the nearest existing signatures
   */
  record Signature(
      MethodSignature signature,
      List<Method> methods,
      List<String> subtypes,
      List<String> nearest) {}

  /**
   * @param capturesNothing why the component would record nothing useful, or null
   */
  record Component(
      ComponentSpec spec,
      List<Signature> signatures,
      List<Problem> problems,
      String capturesNothing) {}

  boolean anyCapturesNothing() {
    return components.stream().anyMatch(c -> c.capturesNothing() != null);
  }
}
