package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.store.RunRow;

/**
 * The runs of a lineage without their values, for drawing: what the UI's trace page needs, read in
 * a few statements per level instead of several per run.
 *
 * @param pointer the output asked about, or null when a run id was asked about
 * @param pointerFlagged whether that output is flagged
 * @param rootRun the run asked about or the output's latest producer; null when no recorded run
 *     wrote the output
 * @param runs the root first, then upstream level by level
 * @param truncated true when runs were left out because the graph reached its limit
 */
public record RunGraph(
    String pointer, boolean pointerFlagged, String rootRun, List<RunRow> runs, boolean truncated) {}
