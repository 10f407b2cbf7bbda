package org.mltrace.collector.purge;

import java.time.Instant;
import java.util.List;

/**
 * What one {@code mltrace purge --label LABEL} removed, or with {@code dryRun} would remove.
 *
 * @param label the retracted label
 * @param dryRun true when nothing was changed (the counts say what would have been)
 * @param purgeId the purge log row written, or null for a dry run
 * @param purgedAt when
 * @param purgedBy who
 * @param reason why, as given, or null
 * @param pointers the pointers that carry the label directly
 * @param runIds the runs derived from them (the readers and everything downstream), by id
 * @param valuesRemoved input and output values blanked (pointers keep their identifier)
 * @param summariesRemoved summary rows deleted
 * @param samplesRemoved sample and hash rows deleted
 * @param snapshotsRemoved artifact-snapshot rows deleted (the stored files stay)
 */
public record PurgeReport(
    String label,
    boolean dryRun,
    Long purgeId,
    Instant purgedAt,
    String purgedBy,
    String reason,
    List<String> pointers,
    List<String> runIds,
    long valuesRemoved,
    long summariesRemoved,
    long samplesRemoved,
    long snapshotsRemoved) {}
