package org.mltrace.agent.core.capture;

import java.util.List;

/**
 * Everything the hooks need to turn one woven method's calls into runs.
 *
 * @param component the component name
 * @param method {@code com.acme.Trainer#fit(Ljava/nio/file/Path;I)Lcom/acme/Model;}
 * @param codeVersion hash of the class file as loaded
 * @param variables the inputs and outputs, in YAML order (inputs first)
 * @param everyExitObserved true when the woven code reports both normal and exceptional exits
 *     (false only for constructors whose shape leaves no place for a handler)
 * @param sampler decides which calls are recorded; shared by the component's methods
 */
public record MethodPlan(
    String component,
    String method,
    String codeVersion,
    List<PlannedVariable> variables,
    boolean everyExitObserved,
    ComponentSampler sampler) {
  public MethodPlan {
    variables = List.copyOf(variables);
  }

  /** Recording every call. */
  public MethodPlan(
      String component,
      String method,
      String codeVersion,
      List<PlannedVariable> variables,
      boolean everyExitObserved) {
    this(
        component,
        method,
        codeVersion,
        variables,
        everyExitObserved,
        ComponentSampler.everyCall(component));
  }

  public MethodPlan(
      String component, String method, String codeVersion, List<PlannedVariable> variables) {
    this(component, method, codeVersion, variables, true);
  }
}
