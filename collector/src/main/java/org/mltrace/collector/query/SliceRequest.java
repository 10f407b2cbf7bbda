package org.mltrace.collector.query;

import java.time.Instant;

/**
 * What {@code slice} selects: the runs of {@code component} (or of every component tagged {@code
 * tag}; both given: the component, which must carry the tag) that started in [since, until) and,
 * when {@code where} is given, hold a number it accepts. Null means no restriction.
 */
public record SliceRequest(
    String component, String tag, Instant since, Instant until, WherePredicate where) {}
