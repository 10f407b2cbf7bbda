package org.mltrace.collector.ingest;

/**
 * What a drain did.
 *
 * @param stored events written to the database (runs, component declarations, agent stats)
 * @param runs of which runs
 * @param duplicates run events skipped because a run with the same id was already stored
 * @param deadLettered entries kept in {@code dead_letters} instead
 */
public record DrainResult(long stored, long runs, long duplicates, long deadLettered) {
  public static final DrainResult NONE = new DrainResult(0, 0, 0, 0);

  public DrainResult plus(DrainResult other) {
    return new DrainResult(
        stored + other.stored,
        runs + other.runs,
        duplicates + other.duplicates,
        deadLettered + other.deadLettered);
  }
}
