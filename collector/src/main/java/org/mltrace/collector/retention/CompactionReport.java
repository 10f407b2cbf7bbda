package org.mltrace.collector.retention;

import java.time.Instant;

/**
 * What one {@code mltrace compact} kept and removed.
 *
 * @param cutoff runs that started before this were candidates
 * @param dryRun true when nothing was changed (the counts say what would have been)
 * @param runsRemoved old runs removed, with their inputs, outputs, summaries and links
 * @param inputsRemoved rows of run_inputs removed
 * @param outputsRemoved rows of run_outputs removed
 * @param summariesRemoved rows of run_value_summaries removed
 * @param dependenciesRemoved rows of run_dependency_keys removed (links from or to removed runs)
 * @param snapshotsRemoved rows of artifact_snapshots removed (the stored files stay)
 * @param flaggedOutputs flagged pointers written by some run
 * @param runsKeptForLineage old runs kept because a flagged output descends from them
 * @param dayRows component_days rows written (new or added to)
 * @param valueRows component_day_values rows written (new or added to)
 * @param components components, all kept
 * @param alertsRemoved resolved alerts whose resolution came before the cutoff
 * @param openAlertsKept open alerts opened before the cutoff, kept while they are open
 */
public record CompactionReport(
    Instant cutoff,
    boolean dryRun,
    long runsRemoved,
    long inputsRemoved,
    long outputsRemoved,
    long summariesRemoved,
    long dependenciesRemoved,
    long snapshotsRemoved,
    long flaggedOutputs,
    long runsKeptForLineage,
    long dayRows,
    long valueRows,
    long components,
    long alertsRemoved,
    long openAlertsKept) {}
