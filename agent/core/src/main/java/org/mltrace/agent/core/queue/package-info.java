/**
 * Appends events to the Chronicle Queue from one background thread.
 *
 * <p>Application threads only enqueue into a bounded buffer; when it is full the run is dropped and
 * counted, never waited for. The queue is opened on the writer thread, off the application's
 * start-up path (opening Chronicle costs most of a second).
 */
package org.mltrace.agent.core.queue;
