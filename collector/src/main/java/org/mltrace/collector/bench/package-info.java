/**
 * {@code mltrace bench}: synthetic runs written straight into a queue and drained through the real
 * ingest path, to measure the collector's throughput; {@code mltrace generate}: a realistic history
 * (a DAG run over days) to measure queries on.
 */
package org.mltrace.collector.bench;
