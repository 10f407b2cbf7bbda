package org.mltrace.collector.trigger;

import java.util.List;

/**
 * A check evaluated by the collector on a stored run, after ingestion and off its thread.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every declaration of its
 * name, each evaluation receiving its declaration's arguments in the {@link TriggerContext}. Users'
 * triggers are listed in {@code META-INF/services/org.mltrace.collector.trigger.Trigger} of a jar
 * on the collector's {@code --plugins} path and declared in the YAML as {@code - user: NAME}.
 */
public interface Trigger {

  /** The name a YAML declaration uses, e.g. {@code psi}; snake_case for the built-ins. */
  String name();

  /**
   * Checks a declaration's arguments before any run is evaluated.
   *
   * @return one message per problem, naming the argument and what was expected; empty when fine
   */
  default List<String> validate(TriggerArgs args) {
    return List.of();
  }

  /** Whether a failure raises an alert when the declaration does not say ({@code alert:}). */
  default boolean alertsByDefault() {
    return false;
  }

  /**
   * Evaluates the declaration on one run. Throwing, or exceeding the engine's time limit, records
   * the result as {@link TriggerResult.Status#ERROR} with the exception's message.
   */
  TriggerResult evaluate(TriggerContext context) throws Exception;
}
