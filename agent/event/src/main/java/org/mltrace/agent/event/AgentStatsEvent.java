package org.mltrace.agent.event;

/**
 * The agent's own health, appended periodically and at JVM exit, so that what the agent dropped
 * or failed to capture is visible in the collector rather than lost silently.
 *
 * @param agentId the agent start this describes
 * @param host host name
 * @param pid process id
 * @param epochMicros when these totals were taken
 * @param eventsWritten run events appended so far
 * @param eventsDropped run events dropped so far (buffer full, value too large, queue unusable)
 * @param internalErrors failures inside the agent that were caught and counted
 * @param unmatchedMethods configured signatures that matched no loaded method, one per line
 */
public record AgentStatsEvent(
    String agentId,
    String host,
    long pid,
    long epochMicros,
    long eventsWritten,
    long eventsDropped,
    long internalErrors,
    String unmatchedMethods)
    implements Event {}
