package org.mltrace.agent.event;

/** Everything that can be appended to an mltrace queue. */
public sealed interface Event
    permits RunEvent, AgentStatsEvent, ComponentEvent, TaskEvent, CodeSourceEvent {}
