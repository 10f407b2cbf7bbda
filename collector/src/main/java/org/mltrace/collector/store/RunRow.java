package org.mltrace.collector.store;

import java.time.Instant;

/**
 * One row of {@code component_runs}. {@code unrecordedBefore} counts the component's calls its
 * agent left unrecorded (sampling, circuit breaker) since its previous event that carried a count.
 */
public record RunRow(
    String id,
    String component,
    String method,
    String agentId,
    String host,
    Long pid,
    String thread,
    Instant startTime,
    Instant endTime,
    Long durationNanos,
    String codeVersion,
    String gitCommit,
    String status,
    String errorClass,
    String errorMessage,
    Instant ingestedAt,
    long unrecordedBefore) {}
