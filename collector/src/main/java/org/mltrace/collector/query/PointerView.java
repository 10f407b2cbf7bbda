package org.mltrace.collector.query;

import java.time.Instant;

/** A file, URI or in-memory object that runs read or wrote. */
public record PointerView(
    String identifier, String type, String className, boolean flag, Instant firstSeen) {}
