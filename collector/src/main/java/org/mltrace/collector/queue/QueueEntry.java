package org.mltrace.collector.queue;

/** One document read from the queue: its Chronicle index and its raw bytes. */
public record QueueEntry(long index, byte[] bytes) {}
