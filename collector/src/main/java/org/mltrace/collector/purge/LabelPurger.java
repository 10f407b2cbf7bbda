package org.mltrace.collector.purge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mltrace.collector.MltraceException.Category;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.JdbcPurgeStore;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.UnitOfWork;

/**
 * {@code mltrace purge --label LABEL}: deletes what was stored of the data a deletion request
 * covers, in every run derived from it, and keeps what explains what happened.
 *
 * <p>The derived set is the label's {@code impact}: the runs that read a pointer carrying the label
 * directly, and every run downstream of them. For those runs it blanks the captured values of their
 * inputs and outputs ({@code value_text}, size, class, fingerprint and modification time; a pointer
 * keeps its identifier, which is lineage), deletes their summaries, samples and hashes and their
 * artifact-snapshot rows. It keeps the runs' skeleton: ids, components, methods, times, status,
 * dependencies and pointers, so {@code trace} still shows how the data flowed, and the trigger
 * results and alerts. The label must be retracted first ({@code mltrace label retract}): a purge
 * enforces a recorded deletion request, it does not make one.
 *
 * <p>Everything happens in one transaction (rolled back for a dry run), with a {@code purge_log}
 * row (who, when, why, how much) and one {@code purged_runs} row per run; on PostgreSQL it holds
 * the collectors' ingest lock, so no batch links a new run to the set while it is purged. Not
 * purged: task pairs (a task's joined predictions and labels, keyed by the identifiers the task
 * names) and the artifact store's files, which other runs may share (content-addressed).
 */
public final class LabelPurger implements AutoCloseable {
  private final Database database;

  private LabelPurger(Database database) {
    this.database = database;
  }

  /**
   * Opens an existing database.
   *
   * @throws StoreException if it cannot be opened or does not exist
   */
  public static LabelPurger open(String jdbcUrl) {
    return new LabelPurger(Database.open(jdbcUrl, Database.Access.EXISTING));
  }

  /**
   * Purges the values derived from {@code label}'s data.
   *
   * @param dryRun count only, change nothing, record nothing
   * @throws PurgeRefusedException if no pointer carries the label, or it is not retracted
   * @throws StoreException if the database fails; nothing is then changed
   */
  public PurgeReport purge(String label, String by, String reason, boolean dryRun, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    JdbcLabelStore labels = new JdbcLabelStore(database);
    List<String> pointers = labels.pointers(label);
    if (pointers.isEmpty()) {
      throw new PurgeRefusedException(
          Category.NOT_FOUND,
          "no pointer carries label '" + label + "' (list labels with 'mltrace label list')");
    }
    if (labels.retraction(label) == null) {
      throw new PurgeRefusedException(
          Category.USAGE,
          "label '"
              + label
              + "' is not retracted: record the deletion request first with 'mltrace label"
              + " retract "
              + label
              + "'");
    }
    return UnitOfWork.run(
        database,
        UnitOfWork.Lock.INGEST,
        dryRun ? UnitOfWork.End.ROLL_BACK : UnitOfWork.End.COMMIT,
        "purging label '" + label + "'",
        () -> {
          List<String> runs = derivedRuns(pointers);
          JdbcPurgeStore purges = new JdbcPurgeStore(database);
          JdbcPurgeStore.Removed removed = purges.removeValues(runs);
          Long purgeId = dryRun ? null : purges.record(label, by, reason, now, runs, removed);
          return new PurgeReport(
              label,
              dryRun,
              purgeId,
              now,
              by,
              reason,
              pointers,
              runs,
              removed.values(),
              removed.summaries(),
              removed.samples(),
              removed.snapshots());
        });
  }

  /** The runs that read the pointers and every run downstream of them, by id. */
  private List<String> derivedRuns(List<String> pointers) {
    JdbcGraphStore graph = new JdbcGraphStore(database);
    List<String> readers = new ArrayList<>();
    for (String p : pointers) {
      readers.addAll(graph.readersOf(p));
    }
    return List.copyOf(
        new TreeSet<>(LineageClosure.downstream(graph::downstreamOf).reach(readers, -1).keySet()));
  }

  @Override
  public void close() {
    database.close();
  }
}
