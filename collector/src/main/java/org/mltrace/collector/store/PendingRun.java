package org.mltrace.collector.store;

/** A run whose triggers are still to be evaluated, from {@code trigger_pending}. */
public record PendingRun(String runId, String component) {}
