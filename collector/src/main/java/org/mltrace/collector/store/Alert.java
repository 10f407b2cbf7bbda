package org.mltrace.collector.store;

import java.time.Instant;

/**
 * A row of the {@code alerts} table.
 *
 * @param status {@code open} or {@code resolved}
 * @param openedAt when the failing result that opened it was evaluated
 * @param resolvedAt when the passing result that resolved it was evaluated; null while open
 * @param value the failing result's value, or null
 * @param threshold the failing result's threshold, or null
 * @param message the failing result's message, or null
 */
public record Alert(
    long id,
    String component,
    String phase,
    int position,
    String triggerName,
    String status,
    Instant openedAt,
    String openedByRun,
    Instant resolvedAt,
    String resolvedByRun,
    Double value,
    Double threshold,
    String message) {

  public static final String OPEN = "open";
  public static final String RESOLVED = "resolved";

  public boolean isOpen() {
    return OPEN.equals(status);
  }

  public TriggerKey key() {
    return new TriggerKey(component, phase, position, triggerName);
  }
}
