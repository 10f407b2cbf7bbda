package org.mltrace.collector.query;

import java.time.Instant;
import java.util.List;
import org.mltrace.collector.staleness.StaleReason;

/**
 * A component in the {@code components} list: its owner, tags (declared in the YAML and added with
 * {@code mltrace tag}, sorted), run count and latest run ({@code lastRun*} null before the first),
 * and why that latest run is stale now (empty when it is not).
 */
public record ComponentSummary(
    String name,
    String owner,
    List<String> tags,
    long runs,
    String lastRunId,
    Instant lastRunStart,
    String lastStatus,
    List<StaleReason> lastRunStale) {}
