package org.mltrace.collector.store;

import java.util.Map;

/**
 * One row of {@code component_triggers}: a trigger a component's YAML declares.
 *
 * @param phase {@code before_run} or {@code after_run}
 * @param position the declaration's place in its phase's list, from 0
 * @param user true for {@code - user: NAME} (a plugin trigger), false for a built-in
 * @param args the flattened arguments
 * @param alert the declaration's {@code alert:}, or null for the trigger's default
 * @param source {@code file.yaml:LINE}, or null when unknown
 */
public record TriggerDeclaration(
    String component,
    String phase,
    int position,
    String triggerName,
    boolean user,
    Map<String, String> args,
    Boolean alert,
    String source) {

  public TriggerDeclaration {
    args = Map.copyOf(args);
  }

  /** {@code component/phase[position] name (source)}, for log lines. */
  public String describe() {
    return component
        + " "
        + phase
        + "["
        + position
        + "] "
        + (user ? "user " : "")
        + triggerName
        + (source == null ? "" : " (" + source + ")");
  }
}
