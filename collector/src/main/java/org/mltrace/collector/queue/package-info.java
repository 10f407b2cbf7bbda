/**
 * The agents' Chronicle queues as the collector reads them: one reader type ({@link
 * org.mltrace.collector.queue.QueueReader}) for ingestion, artifact snapshots and the backlog, each
 * entry the raw bytes the agent appended with its index.
 */
package org.mltrace.collector.queue;
