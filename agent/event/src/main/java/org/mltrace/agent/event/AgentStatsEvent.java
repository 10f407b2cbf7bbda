package org.mltrace.agent.event;

import java.util.List;

/**
 * The agent's own health, appended periodically and at JVM exit, so that what the agent dropped,
 * skipped or failed to capture is visible in the collector rather than lost silently.
 *
 * @param agentId the agent start this describes
 * @param host host name
 * @param pid process id
 * @param epochMicros when these totals were taken
 * @param eventsWritten run events appended so far
 * @param eventsDropped run events dropped so far (buffer full, value too large, queue unusable)
 * @param internalErrors failures inside the agent that were caught and counted
 * @param unmatchedMethods configured signatures that matched no loaded method, one per line
 * @param health failures by kind since the agent started (totals, like the counts above), only
 *     kinds that happened; the kinds are listed in docs/event-format.md. Since format version 3.
 * @param unrecorded per component, calls that were not recorded (sampling, circuit breaker) and
 *     that no run event has carried in its {@code unrecordedBefore}: counted here instead, once
 *     (each stats event carries only what is new since the previous one, so these add up). Since
 *     format version 3.
 */
public record AgentStatsEvent(
    String agentId,
    String host,
    long pid,
    long epochMicros,
    long eventsWritten,
    long eventsDropped,
    long internalErrors,
    String unmatchedMethods,
    List<NamedCount> health,
    List<NamedCount> unrecorded)
    implements Event {

  public AgentStatsEvent {
    health = List.copyOf(health);
    unrecorded = List.copyOf(unrecorded);
  }

  /** As written before format version 3: no health counts, nothing unrecorded. */
  public AgentStatsEvent(
      String agentId,
      String host,
      long pid,
      long epochMicros,
      long eventsWritten,
      long eventsDropped,
      long internalErrors,
      String unmatchedMethods) {
    this(
        agentId,
        host,
        pid,
        epochMicros,
        eventsWritten,
        eventsDropped,
        internalErrors,
        unmatchedMethods,
        List.of(),
        List.of());
  }

  /** The health count of one kind ({@code append_failed}), 0 when not listed. */
  public long healthCount(String kind) {
    return health.stream().filter(c -> c.name().equals(kind)).mapToLong(NamedCount::count).sum();
  }
}
