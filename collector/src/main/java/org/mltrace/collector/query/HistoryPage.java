package org.mltrace.collector.query;

import java.util.List;
import java.util.Map;
import org.mltrace.collector.store.RunRow;

/**
 * One page of a component's runs, newest first.
 *
 * @param total how many runs the component has
 * @param metrics per run id, its numeric outputs (name to value) in YAML order
 */
public record HistoryPage(
    String component,
    int offset,
    int limit,
    long total,
    List<RunRow> runs,
    Map<String, Map<String, Double>> metrics) {}
