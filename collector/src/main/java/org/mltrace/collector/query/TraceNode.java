package org.mltrace.collector.query;

import java.util.List;

/**
 * A run in a trace, with the runs it depends on nested below it, depth first in input order.
 *
 * @param via the pointers through which the run below this one read this run's outputs; empty at
 *     the root
 * @param upstream the runs this one depends on
 * @param truncated true when upstream runs were left out because the trace grew too large
 * @param triggers the run's trigger results, so a trace shows where a check failed
 */
public record TraceNode(
    RunView run,
    List<String> via,
    List<TraceNode> upstream,
    boolean truncated,
    List<TriggerResultView> triggers) {

  public TraceNode {
    triggers = List.copyOf(triggers);
  }

  /** A node without trigger results. */
  public TraceNode(RunView run, List<String> via, List<TraceNode> upstream, boolean truncated) {
    this(run, via, upstream, truncated, List.of());
  }
}
