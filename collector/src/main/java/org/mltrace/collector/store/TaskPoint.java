package org.mltrace.collector.store;

import java.time.Instant;
import java.util.Map;

/**
 * One evaluation of a task's time series.
 *
 * @param labelled the joined pairs in the window
 * @param metrics the kind's metrics by name, NaN when undefined
 */
public record TaskPoint(
    long seq, Instant evaluatedAt, long labelled, Map<String, Double> metrics) {}
