package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.staleness.StaleReason;

/**
 * Everything recorded about one run, for {@code inspect}.
 *
 * @param dependencies the runs this run read from
 * @param dependents the runs that read this run's outputs
 * @param component the run's component
 * @param triggers the run's trigger results, {@code before_run} first, in declaration order
 * @param triggersPending whether its triggers still wait for the engine
 * @param stale why the run is stale, as of when it was asked; empty when it is not
 */
public record RunDetail(
    RunView run,
    List<LinkView> dependencies,
    List<LinkView> dependents,
    ComponentView component,
    List<TriggerResultView> triggers,
    boolean triggersPending,
    List<StaleReason> stale) {}
