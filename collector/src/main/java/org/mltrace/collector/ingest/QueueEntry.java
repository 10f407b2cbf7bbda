package org.mltrace.collector.ingest;

/** One document read from the queue: its Chronicle index and its raw bytes. */
record QueueEntry(long index, byte[] bytes) {}
