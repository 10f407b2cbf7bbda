package org.mltrace.collector.query;

import java.util.List;

/**
 * Everything recorded about one run, for {@code inspect}.
 *
 * @param dependencies the runs this run read from
 * @param dependents the runs that read this run's outputs
 * @param component the run's component
 * @param triggers the run's trigger results, {@code before_run} first, in declaration order
 * @param triggersPending whether its triggers still wait for the engine
 */
public record RunDetail(
    RunView run,
    List<LinkView> dependencies,
    List<LinkView> dependents,
    ComponentView component,
    List<TriggerResultView> triggers,
    boolean triggersPending) {}
