package org.mltrace.collector.query;

/** A dependency seen from one run: the other run, its component, and the pointer between them. */
public record LinkView(String runId, String component, String pointer) {}
