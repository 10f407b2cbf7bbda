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
    long durationMicros) {}
