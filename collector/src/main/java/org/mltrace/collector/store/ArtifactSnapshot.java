package org.mltrace.collector.store;

import java.time.Instant;

/**
 * One row of {@code artifact_snapshots}: what the collector did with the file of one run's
 * variable.
 *
 * @param status {@code stored}, {@code duplicate}, or why it was skipped ({@code changed}, {@code
 *     too_large}, {@code missing}, {@code not_a_file}, {@code failed})
 * @param hash {@code sha256:HEX} for stored and duplicate, else null
 * @param size bytes, null when unknown
 * @param detail a skip's reason in words, else null
 */
public record ArtifactSnapshot(
    String runId,
    String direction,
    String name,
    String pointerId,
    String status,
    String hash,
    Long size,
    String storeHost,
    String storeDir,
    String detail,
    Instant copiedAt) {}
