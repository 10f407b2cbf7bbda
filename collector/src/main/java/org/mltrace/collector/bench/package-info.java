/**
 * {@code mltrace bench}: synthetic runs written straight into a queue and drained through the real
 * ingest path, to measure the collector's throughput.
 */
package org.mltrace.collector.bench;
