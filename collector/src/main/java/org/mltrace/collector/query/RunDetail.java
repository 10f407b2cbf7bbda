package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * Everything recorded about one run, for {@code inspect}.
 *
 * @param dependencies the runs this run read from
 * @param dependents the runs that read this run's outputs
 * @param component the run's component
 * @param triggers the run's trigger results, {@code before_run} first, in declaration order
 * @param triggersPending whether its triggers still wait for the engine
 * @param stale why the run is stale, as of when it was asked; empty when it is not
 * @param codeSources where the woven classes of its component came from, as its agent reported them
 *     (by class name); empty for agents before format version 6 and runs not made by an agent
 */
public record RunDetail(
    RunView run,
    List<LinkView> dependencies,
    List<LinkView> dependents,
    ComponentView component,
    List<TriggerOutcome> triggers,
    boolean triggersPending,
    List<StaleReason> stale,
    List<CodeSourceView> codeSources) {}
