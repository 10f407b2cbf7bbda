package org.mltrace.agent.core.config;

import java.util.List;
import org.mltrace.agent.core.capture.SampleSpec;
import org.mltrace.agent.event.TriggerDecl;

/**
 * One component from the YAML: which methods are its runs and which variables are its inputs and
 * outputs.
 *
 * @param name the primary key
 * @param description free text or null
 * @param owner person or team, or null
 * @param tags possibly empty
 * @param methods the signatures whose calls are runs of this component
 * @param inputVariables parameters, locals, {@code this}, {@code argN}, with their options
 * @param outputVariables {@code return}, locals, parameters, {@code this}, with their options
 * @param line the YAML line where the component starts
 * @param sample the {@code sample:} setting, or null to record every call
 * @param triggers the {@code before_run:} then the {@code after_run:} declarations, checked against
 *     the trigger catalog and the component's variables
 * @param staleAfter the {@code stale_after:} as written ({@code 30d}), checked; null for the
 *     default
 */
public record ComponentSpec(
    String name,
    String description,
    String owner,
    List<String> tags,
    List<MethodSignature> methods,
    List<VariableSpec> inputVariables,
    List<VariableSpec> outputVariables,
    int line,
    SampleSpec sample,
    List<TriggerDecl> triggers,
    String staleAfter) {

  public ComponentSpec {
    tags = List.copyOf(tags);
    methods = List.copyOf(methods);
    inputVariables = List.copyOf(inputVariables);
    outputVariables = List.copyOf(outputVariables);
    triggers = List.copyOf(triggers);
  }

  /** Without triggers, with the default staleness. */
  public ComponentSpec(
      String name,
      String description,
      String owner,
      List<String> tags,
      List<MethodSignature> methods,
      List<VariableSpec> inputVariables,
      List<VariableSpec> outputVariables,
      int line,
      SampleSpec sample) {
    this(
        name,
        description,
        owner,
        tags,
        methods,
        inputVariables,
        outputVariables,
        line,
        sample,
        List.of(),
        null);
  }

  /** Without {@code sample:}: every call is recorded. */
  public ComponentSpec(
      String name,
      String description,
      String owner,
      List<String> tags,
      List<MethodSignature> methods,
      List<VariableSpec> inputVariables,
      List<VariableSpec> outputVariables,
      int line) {
    this(name, description, owner, tags, methods, inputVariables, outputVariables, line, null);
  }

  /** The input names, in YAML order. */
  public List<String> inputs() {
    return inputVariables.stream().map(VariableSpec::name).toList();
  }

  /** The output names, in YAML order. */
  public List<String> outputs() {
    return outputVariables.stream().map(VariableSpec::name).toList();
  }
}
