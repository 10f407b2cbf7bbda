package org.mltrace.agent.event;

/**
 * A count with its name, as listed in an {@link AgentStatsEvent}: a failure kind with how often it
 * happened, or a component with how many of its calls were not recorded.
 */
public record NamedCount(String name, long count) {}
