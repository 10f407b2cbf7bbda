package org.mltrace.agent.event;

/**
 * What the agent read about a file pointer besides its path and size, so that two versions of the
 * same path can be told apart.
 *
 * @param modifiedEpochMillis the file's last-modified time, milliseconds since the epoch, or -1
 *     when unknown
 * @param fingerprint {@code xxh64:HEX} (XXH64 of the whole content) for files up to the configured
 *     {@code fingerprint_max_bytes}, {@code xxh64s:HEX} (XXH64 of the size and fixed sample blocks)
 *     above it; null for directories, unreadable files, or when the YAML asked for the pointer only
 */
public record FileFacts(long modifiedEpochMillis, String fingerprint) {}
