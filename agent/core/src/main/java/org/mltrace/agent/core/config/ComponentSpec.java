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
 * @param inputs variable names: parameters, locals, {@code this}, {@code argN}
 * @param outputs variable names: {@code return}, locals, parameters, {@code this}
 * @param line the YAML line where the component starts
 */
public record ComponentSpec(
    String name,
    String description,
    String owner,
    List<String> tags,
    List<MethodSignature> methods,
    List<String> inputs,
    List<String> outputs,
    int line) {

  public ComponentSpec {
    tags = List.copyOf(tags);
    methods = List.copyOf(methods);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
