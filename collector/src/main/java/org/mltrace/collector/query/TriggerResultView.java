package org.mltrace.collector.query;

import java.time.Instant;

/**
 * One trigger's result on one run, as {@code inspect} shows it.
 *
 * @param phase {@code before_run} or {@code after_run}
 * @param position the declaration's place in its phase's list, from 0
 * @param status {@code pass}, {@code fail}, {@code error} or {@code skipped} (no reference yet)
 * @param value the statistic computed, or null
 * @param threshold the bound it was compared with, or null
 * @param alert whether a failure raises an alert
 */
public record TriggerResultView(
    String phase,
    int position,
    String trigger,
    String status,
    Double value,
    Double threshold,
    String message,
    boolean alert,
    Instant evaluatedAt,
    long durationMicros) {}
