package org.mltrace.collector.store;

import java.time.Instant;

/** One row of {@code io_pointers}: a file, URI or in-memory object that runs read or wrote. */
public record PointerRow(
    String identifier, String pointerType, String className, boolean flag, Instant firstSeen) {}
