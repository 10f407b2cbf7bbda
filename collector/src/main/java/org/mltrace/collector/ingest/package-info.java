/**
 * Drains an agent's Chronicle queue into the store, exactly once.
 *
 * <p>{@link org.mltrace.collector.ingest.QueueDrainer} reads a batch of entries ({@code
 * QueueReader}), decodes them ({@code EventDecoder}) and hands them to {@code BatchWriter}, which
 * stores the rows, the dependencies and the queue position in one transaction. Entries that do not
 * decode go to {@code dead_letters} and never stop the drain. {@link
 * org.mltrace.collector.ingest.Collector} is the facade the CLI uses.
 */
package org.mltrace.collector.ingest;
