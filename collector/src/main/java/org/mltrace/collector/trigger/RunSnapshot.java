package org.mltrace.collector.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored run as triggers see it: identity, timing and captured values.
 *
 * @param id the run id
 * @param component the component's name
 * @param start when the run started
 * @param end when it ended
 * @param status {@code ok} or {@code failed}
 * @param inputs captured inputs in YAML order
 * @param outputs captured outputs in YAML order
 */
public record RunSnapshot(
    String id,
    String component,
    Instant start,
    Instant end,
    String status,
    List<CapturedData> inputs,
    List<CapturedData> outputs) {

  public RunSnapshot {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Optional<CapturedData> input(String name) {
    return inputs.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public Optional<CapturedData> output(String name) {
    return outputs.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /**
   * The variable a declaration of {@code phase} means by {@code name}: an input for {@code
   * before_run}; an output, else an input, for {@code after_run}.
   */
  public Optional<CapturedData> variable(Phase phase, String name) {
    if (phase == Phase.BEFORE_RUN) {
      return input(name);
    }
    Optional<CapturedData> out = output(name);
    return out.isPresent() ? out : input(name);
  }
}
