package org.mltrace.collector.alert;

import java.time.Instant;
import java.util.Comparator;

/**
 * A {@code trigger_results} row with its run's start and end, as the alert state machine reads it.
 */
record ResultRow(
    String runId,
    TriggerKey key,
    String status,
    Double value,
    Double threshold,
    String message,
    boolean alert,
    Instant evaluatedAt,
    Instant runStart,
    Instant runEnd) {

  /** Runs in the order they happened: by end, then start, then id (ties are rare but possible). */
  static final Comparator<ResultRow> RUN_ORDER =
      Comparator.comparing(ResultRow::runEnd)
          .thenComparing(ResultRow::runStart)
          .thenComparing(ResultRow::runId);

  boolean failed() {
    return "fail".equals(status);
  }

  boolean passed() {
    return "pass".equals(status);
  }
}
