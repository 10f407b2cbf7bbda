package org.mltrace.collector.store;

import java.util.List;

/** One series of a {@code /metrics} gauge or counter: its label values and its value. */
public record MetricSample(List<String> labelValues, double value) {}
