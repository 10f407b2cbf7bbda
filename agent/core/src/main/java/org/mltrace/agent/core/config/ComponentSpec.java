package org.mltrace.agent.core.config;

import java.util.List;

/**
 * One component from the YAML: which methods are its runs and which variables are its inputs
 * and outputs.
 *
 * @param name the primary key
 * @param description free text or null
 * @param owner person or team, or null
 * @param tags possibly empty
 * @param methods the signatures whose calls are runs of this component
 * @param inputVariables parameters, locals, {@code this}, {@code argN}, with their options
 * @param outputVariables {@code return}, locals, parameters, {@code this}, with their options
 * @param line the YAML line where the component starts
 */
public record ComponentSpec(
    String name,
    String description,
    String owner,
    List<String> tags,
    List<MethodSignature> methods,
    List<VariableSpec> inputVariables,
    List<VariableSpec> outputVariables,
    int line) {

  public ComponentSpec {
    tags = List.copyOf(tags);
    methods = List.copyOf(methods);
    inputVariables = List.copyOf(inputVariables);
    outputVariables = List.copyOf(outputVariables);
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
