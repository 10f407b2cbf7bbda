package org.mltrace.collector.query;

import java.time.Instant;
import java.util.List;

/** A component as declared in the agent's YAML (fields null when it was never declared). */
public record ComponentView(
    String name,
    String description,
    String owner,
    List<String> tags,
    List<String> methods,
    Instant firstSeen,
    Instant lastSeen) {}
