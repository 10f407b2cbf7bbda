/**
 * Keeps disk and database use bounded: {@link org.mltrace.collector.retention.QueueRetention}
 * deletes the queue cycle files the collector has stored, and removes the queues of agents that
 * exited; {@code compact} (see {@link org.mltrace.collector.retention.Compactor}) folds old runs
 * into per-day aggregates.
 */
package org.mltrace.collector.retention;
