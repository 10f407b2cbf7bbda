package org.mltrace.collector.store;

import java.time.Instant;

/** One row of {@code trigger_results}: what one declaration found on one run. */
public record TriggerOutcome(
    String runId,
    String phase,
    int position,
    String component,
    String triggerName,
    String status,
    Double value,
    Double threshold,
    String message,
    boolean alert,
    Instant evaluatedAt,
    long durationMicros) {

  /** The declaration this is a result of. */
  public TriggerKey key() {
    return new TriggerKey(component, phase, position, triggerName);
  }

  public boolean failed() {
    return "fail".equals(status);
  }

  public boolean passed() {
    return "pass".equals(status);
  }
}
