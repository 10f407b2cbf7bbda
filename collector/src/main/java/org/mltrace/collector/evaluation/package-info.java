/**
 * The trigger engine: evaluates the triggers components declare on their stored runs, off the
 * ingest thread, on a bounded pool with a time limit per evaluation ({@link
 * org.mltrace.collector.evaluation.TriggerEngine}); finds the built-in and plugin triggers by name
 * ({@link org.mltrace.collector.evaluation.TriggerRegistry}).
 */
package org.mltrace.collector.evaluation;
