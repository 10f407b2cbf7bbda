/**
 * What {@code GET /metrics} of {@code collect --listen} reports, in Prometheus text format: read
 * from the database and the queue directory at scrape time ({@link
 * org.mltrace.collector.metrics.CollectorMetrics}), so that any collector or command that wrote the
 * database is reflected, and a restarted collector reports the same totals. The metric names, their
 * labels and the bounds on label values are in docs/integrations.md.
 */
package org.mltrace.collector.metrics;
