package org.mltrace.collector.purge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mltrace.collector.MltraceException.Category;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.RunValueBlanker;
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
  private static final int CHUNK = 500;

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
        c -> purge(c, label, pointers, by, reason, dryRun, now));
  }

  private PurgeReport purge(
      Connection c,
      String label,
      List<String> pointers,
      String by,
      String reason,
      boolean dryRun,
      Instant now)
      throws SQLException {
    List<String> runs = derivedRuns(pointers);
    long values = 0;
    long summaries = 0;
    long samples = 0;
    long snapshots = 0;
    for (int from = 0; from < runs.size(); from += CHUNK) {
      List<String> chunk = runs.subList(from, Math.min(runs.size(), from + CHUNK));
      // Values and summaries are arrays of the run rows (V025).
      RunValueBlanker.Blanked blanked = RunValueBlanker.blank(c, chunk);
      values += blanked.values();
      summaries += blanked.summaries();
      samples += update(c, "DELETE FROM run_value_samples WHERE run_id IN (%s)", chunk);
      snapshots += update(c, "DELETE FROM artifact_snapshots WHERE run_id IN (%s)", chunk);
    }
    Long purgeId = null;
    if (!dryRun) {
      purgeId = log(c, label, by, reason, now, runs.size(), values, summaries, samples, snapshots);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO purged_runs (purge_id, run_id) VALUES (?, ?)")) {
        for (String run : runs) {
          ps.setLong(1, purgeId);
          ps.setString(2, run);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return new PurgeReport(
        label, dryRun, purgeId, now, by, reason, pointers, runs, values, summaries, samples,
        snapshots);
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

  private static long log(
      Connection c,
      String label,
      String by,
      String reason,
      Instant now,
      long runs,
      long values,
      long summaries,
      long samples,
      long snapshots)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO purge_log (label, purged_at, purged_by, reason, runs, values_removed,"
                + " summaries_removed, samples_removed, snapshots_removed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, label);
      ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ps.setString(3, by);
      ps.setString(4, reason);
      ps.setLong(5, runs);
      ps.setLong(6, values);
      ps.setLong(7, summaries);
      ps.setLong(8, samples);
      ps.setLong(9, snapshots);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static long update(Connection c, String sql, List<String> runIds) throws SQLException {
    String marks = String.join(", ", java.util.Collections.nCopies(runIds.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement(sql.formatted(marks))) {
      for (int i = 0; i < runIds.size(); i++) {
        ps.setString(i + 1, runIds.get(i));
      }
      return ps.executeUpdate();
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
}
