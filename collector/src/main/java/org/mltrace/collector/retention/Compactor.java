package org.mltrace.collector.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.Progress;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcRunCountStore;
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
  private static final int CHUNK = 500;

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
   * Compacts the runs that started more than {@code olderThan} before now.
   *
   * @param dryRun count only, change nothing
   * @throws StoreException if the database fails; nothing is then changed
   */
  public CompactionReport compact(Duration olderThan, boolean dryRun, Clock clock) {
    return compact(olderThan, dryRun, clock, Progress.NONE);
  }

  /** {@link #compact(Duration, boolean, Clock)}, telling {@code progress} each finished step. */
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
    return UnitOfWork.run(
        database,
        UnitOfWork.Lock.INGEST,
        dryRun ? UnitOfWork.End.ROLL_BACK : UnitOfWork.End.COMMIT,
        "compacting runs older than " + cutoff,
        c -> compact(c, cutoff, now, dryRun, steps));
  }

  private CompactionReport compact(
      Connection c, Instant cutoff, Instant now, boolean dryRun, Steps steps) throws SQLException {
    update(c, "DELETE FROM compaction_batch");
    long candidates;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO compaction_batch (run_id)"
                + " SELECT id FROM component_runs WHERE start_time < ?")) {
      ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      candidates = ps.executeUpdate();
    }
    steps.done();
    long flagged = FlaggedLineage.flaggedOutputs(c);
    long keptForLineage = candidates == 0 ? 0 : unbatch(c, FlaggedLineage.runs(c));
    steps.done();
    long dayRows = DayAggregates.foldRuns(c);
    steps.done();
    long valueRows = DayAggregates.foldValues(c);
    steps.done();
    // Values and summaries are arrays of the run rows (V025): counted here, removed with the runs.
    long summaries = countInBatch(c, "value_summaries", 13);
    long inputs = countInBatch(c, "input_values", 8);
    long outputs = countInBatch(c, "output_values", 8);
    steps.done();
    deleteBatched(c, "run_value_samples", "run_id");
    steps.done();
    // Two deletes, not one with "run_id IN (batch) OR depends_on_run_id IN (batch)": H2 cannot use
    // an index for that OR. A link between two removed runs goes with the first, so the sum counts
    // each removed link once, as the OR did.
    long dependencies =
        deleteBatched(c, "run_dependencies", "run_id")
            + deleteBatched(c, "run_dependencies", "depends_on_run_id");
    steps.done();
    long snapshots = ArtifactMappings.deleteForBatch(c);
    steps.done();
    deleteBatched(c, "run_reads", "run_id");
    steps.done();
    deleteBatched(c, "run_writes", "run_id");
    steps.done();
    JdbcRunCountStore.removed(c, JdbcRunCountStore.inCompactionBatch(c));
    long runs = deleteBatched(c, "component_runs", "id");
    steps.done();
    long alertsRemoved = deleteResolvedAlerts(c, cutoff);
    long openAlertsKept = countOpenAlerts(c, cutoff);
    steps.done();
    update(c, "DELETE FROM compaction_batch");
    if (runs > 0 && !dryRun) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO compactions (ran_at, cutoff, runs_removed, runs_kept_lineage,"
                  + " dependencies_removed) VALUES (?, ?, ?, ?, ?)")) {
        ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        ps.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        ps.setLong(3, runs);
        ps.setLong(4, keptForLineage);
        ps.setLong(5, dependencies);
        ps.executeUpdate();
      }
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
        count(c, "SELECT COUNT(*) FROM components"),
        alertsRemoved,
        openAlertsKept);
  }

  /**
   * Deletes the alerts resolved before the cutoff. Their opening and resolving runs are at least as
   * old, so nothing newer refers to them; an open alert is kept at any age.
   */
  private static long deleteResolvedAlerts(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?")) {
      ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      return ps.executeUpdate();
    }
  }

  private static long countOpenAlerts(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE status = 'open' AND opened_at < ?")) {
      ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Takes the lineage runs out of the batch; returns how many old runs that kept. */
  private static long unbatch(Connection c, Set<String> keep) throws SQLException {
    List<String> ids = new ArrayList<>(keep);
    long kept = 0;
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM compaction_batch WHERE run_id IN ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                  + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        kept += ps.executeUpdate();
      }
    }
    return kept;
  }

  /**
   * Deletes the rows of {@code table} whose {@code column} names a run in the batch.
   *
   * <p>A correlated EXISTS, not {@code column IN (SELECT run_id FROM compaction_batch)}: inside the
   * compaction's transaction H2 re-runs an IN subquery for every row the DELETE visits (each
   * deleted row invalidates its cached result), which made one delete take minutes on 10,000 runs;
   * the EXISTS is one primary-key probe of compaction_batch per row. PostgreSQL runs it as a
   * semi-join.
   */
  static long deleteBatched(Connection c, String table, String column) throws SQLException {
    return update(
        c,
        "DELETE FROM "
            + table
            + " WHERE EXISTS (SELECT 1 FROM compaction_batch b WHERE b.run_id = "
            + table
            + "."
            + column
            + ")");
  }

  /** The entries of {@code array} in the batch's runs, divided by the entries of one. */
  private static long countInBatch(Connection c, String array, int perEntry) throws SQLException {
    return count(
        c,
        "SELECT COALESCE(SUM(CARDINALITY(r."
            + array
            + ") / "
            + perEntry
            + "), 0) FROM component_runs r"
            + " WHERE EXISTS (SELECT 1 FROM compaction_batch b WHERE b.run_id = r.id)");
  }

  private static long update(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The database URL, password masked, for messages. */
  public String databaseUrl() {
    return database.displayUrl();
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
