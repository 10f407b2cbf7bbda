package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * A run in a trace, with the runs it depends on nested below it, depth first in input order.
 *
 * @param via the pointers through which the run below this one read this run's outputs; empty at
 *     the root
 * @param upstream the runs this one depends on
 * @param truncated true when upstream runs were left out because the trace grew too large
 * @param triggers the run's trigger results, so a trace shows where a check failed
 * @param stale why the run is stale (empty when it is not)
 */
public record TraceNode(
    RunView run,
    List<String> via,
    List<TraceNode> upstream,
    boolean truncated,
    List<TriggerOutcome> triggers,
    List<StaleReason> stale) {

  public TraceNode {
    triggers = List.copyOf(triggers);
    stale = List.copyOf(stale);
  }
}
