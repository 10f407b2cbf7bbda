package org.mltrace.collector.metrics;

import java.util.List;

/** One series of a metric: its label values, in the metric's label-name order, and its value. */
record Sample(List<String> labelValues, double value) {}
