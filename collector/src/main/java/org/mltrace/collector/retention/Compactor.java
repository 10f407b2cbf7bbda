package org.mltrace.collector.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.mltrace.collector.Progress;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcCompactionStore;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.UnitOfWork;

/**
 * {@code mltrace compact}: removes individual runs that started before a cutoff, keeping what
 * answers questions about the past at a fraction of the size.
 *
 * <p>Kept: every component; per component and UTC day, the removed runs' counts (ok, failed) and
 * total duration ({@code component_days}); per component, day and variable, min, max, sum and count
 * of the numbers they recorded and of their array/collection summaries ({@code
 * component_day_values}); and, whole, every run a flagged output descends from ({@link
 * FlaggedLineage}), so its trace still works. Removed: the other old runs with their inputs,
 * outputs, summaries, artifact-snapshot mappings and the dependency links from or to them; and the
 * alerts resolved before the cutoff. Open alerts stay however old: they still need an answer.
 *
 * <p>Everything happens in one transaction (rolled back for a dry run), so a failure leaves the
 * database as it was. On PostgreSQL the transaction takes the collectors' ingest lock, so no batch
 * can link a new run to a run being removed.
 */
public final class Compactor implements AutoCloseable {
  /** The steps {@link Steps#done} marks: selecting, lineage, two folds, eight deletes. */
  private static final int STEPS = 12;

  private final Database database;

  private Compactor(Database database) {
    this.database = database;
  }

  /**
   * Opens an existing database.
   *
   * @throws StoreException if it cannot be opened or does not exist
   */
  public static Compactor open(String jdbcUrl) {
    return new Compactor(Database.open(jdbcUrl, Database.Access.EXISTING));
  }

  /**
   * Compacts the runs that started more than {@code olderThan} before now, telling {@code progress}
   * each finished step.
   *
   * @param dryRun count only, change nothing
   * @throws StoreException if the database fails; nothing is then changed
   */
  public CompactionReport compact(
      Duration olderThan, boolean dryRun, Clock clock, Progress progress) {
    progress.start("compact", "steps", STEPS);
    try {
      return compact(olderThan, dryRun, clock, new Steps(progress));
    } finally {
      progress.finish();
    }
  }

  private CompactionReport compact(Duration olderThan, boolean dryRun, Clock clock, Steps steps) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(olderThan);
    JdbcCompactionStore store = new JdbcCompactionStore(database);
    return UnitOfWork.run(
        database,
        UnitOfWork.Lock.INGEST,
        dryRun ? UnitOfWork.End.ROLL_BACK : UnitOfWork.End.COMMIT,
        "compacting runs older than " + cutoff,
        () -> compact(store, cutoff, now, dryRun, steps));
  }

  private static CompactionReport compact(
      JdbcCompactionStore store, Instant cutoff, Instant now, boolean dryRun, Steps steps) {
    long candidates = store.batchRunsStartedBefore(cutoff);
    steps.done();
    long flagged = store.flaggedOutputs();
    long keptForLineage = candidates == 0 ? 0 : store.unbatch(FlaggedLineage.runs(store));
    steps.done();
    long dayRows = store.foldRuns();
    steps.done();
    long valueRows = store.foldValues();
    steps.done();
    // Values and summaries are arrays of the run rows (V025): counted here, removed with the runs.
    long summaries = store.summariesInBatch();
    long inputs = store.inputsInBatch();
    long outputs = store.outputsInBatch();
    steps.done();
    store.deleteSamples();
    steps.done();
    long dependencies = store.deleteDependencies();
    steps.done();
    long snapshots = store.deleteArtifactSnapshots();
    steps.done();
    store.deleteReads();
    steps.done();
    store.deleteWrites();
    steps.done();
    long runs = store.deleteRuns();
    steps.done();
    long alertsRemoved = store.deleteResolvedAlerts(cutoff);
    long openAlertsKept = store.openAlertsBefore(cutoff);
    steps.done();
    store.clearBatch();
    if (runs > 0 && !dryRun) {
      store.recordCompaction(now, cutoff, runs, keptForLineage, dependencies);
    }
    return new CompactionReport(
        cutoff,
        dryRun,
        runs,
        inputs,
        outputs,
        summaries,
        dependencies,
        snapshots,
        flagged,
        keptForLineage,
        dayRows,
        valueRows,
        store.components(),
        alertsRemoved,
        openAlertsKept);
  }

  @Override
  public void close() {
    database.close();
  }

  /** Counts the finished steps of one compaction for its progress. */
  private record Steps(Progress progress) {
    void done() {
      progress.advance(1);
    }
  }
}
