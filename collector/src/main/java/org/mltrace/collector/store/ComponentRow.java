package org.mltrace.collector.store;

import java.time.Instant;

/**
 * One row of {@code components}.
 *
 * @param tags comma-separated, or null
 * @param methods the YAML signatures, one per line, or null
 */
public record ComponentRow(
    String name,
    String description,
    String owner,
    String tags,
    String methods,
    Instant firstSeen,
    Instant lastSeen) {}
