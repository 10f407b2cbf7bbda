/**
 * Deletion requests enforced: {@link org.mltrace.collector.purge.LabelPurger} deletes the stored
 * values of every run derived from a retracted label's data, keeping the runs' skeleton so traces
 * still explain what happened, and records the purge.
 */
package org.mltrace.collector.purge;
