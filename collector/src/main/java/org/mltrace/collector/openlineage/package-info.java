/**
 * OpenLineage in: turns the {@code RunEvent}s that OpenLineage clients send to {@code POST
 * /api/v1/lineage} into the agent's run events, appended to a Chronicle queue the same collector
 * drains exactly once.
 *
 * <p>{@link org.mltrace.collector.openlineage.LineageEventParser} checks one request body and says
 * what is wrong with it; {@link org.mltrace.collector.openlineage.LineageIntake} keeps a run's
 * {@code START} (and {@code RUNNING}) events in an {@link
 * org.mltrace.collector.openlineage.OpenRunJournal} until its {@code COMPLETE}, {@code FAIL} or
 * {@code ABORT}, then {@link org.mltrace.collector.openlineage.RunEventMapper} makes one finished
 * {@link org.mltrace.agent.event.RunEvent} of them and {@link
 * org.mltrace.collector.openlineage.LineageQueue} appends it. A component run row is a finished run
 * ({@code end_time NOT NULL}); an open run lives only in the journal (see
 * docs/design-decisions.md).
 */
package org.mltrace.collector.openlineage;
