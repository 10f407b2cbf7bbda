package org.mltrace.collector.store;

import java.time.Instant;

/**
 * A trigger result placed in time: the run it judged and when that run started, for the UI's
 * history chart and run list.
 *
 * @param value the measured value, or null when the trigger measured none
 * @param threshold the threshold it was compared with, or null
 */
public record TriggerPoint(
    String runId,
    Instant runStart,
    String phase,
    int position,
    String trigger,
    String status,
    Double value,
    Double threshold,
    String message) {}
