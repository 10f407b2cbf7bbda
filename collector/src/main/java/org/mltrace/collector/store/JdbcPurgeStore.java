package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * What {@code mltrace purge} removes and records: the captured values, summaries, samples and
 * artifact-snapshot rows of runs, and the {@code purge_log} and {@code purged_runs} rows that say
 * so. Joins the {@link UnitOfWork} running on the database. Every method throws {@link
 * StoreException} when the database fails.
 */
public final class JdbcPurgeStore {
  private static final int CHUNK = 500;

  /** What was removed from some runs (values and summaries are entries of the run rows, V025). */
  public record Removed(long values, long summaries, long samples, long snapshots) {}

  private final Database database;

  public JdbcPurgeStore(Database database) {
    this.database = database;
  }

  /**
   * Blanks the runs' input and output values (a pointer keeps its identifier), deletes their
   * summaries, samples and hashes and their artifact-snapshot rows.
   */
  public Removed removeValues(List<String> runIds) {
    long values = 0;
    long summaries = 0;
    long samples = 0;
    long snapshots = 0;
    for (int from = 0; from < runIds.size(); from += CHUNK) {
      List<String> chunk = runIds.subList(from, Math.min(runIds.size(), from + CHUNK));
      RunValueBlanker.Blanked blanked;
      try {
        blanked =
            RunValueBlanker.blank(
                database.connection(), SqlDialect.of(database.isPostgres()), chunk);
      } catch (SQLException e) {
        throw StoreException.of("blanking the values of " + chunk.size() + " runs", e);
      }
      values += blanked.values();
      summaries += blanked.summaries();
      samples += delete("run_value_samples", chunk);
      snapshots += delete("artifact_snapshots", chunk);
    }
    return new Removed(values, summaries, samples, snapshots);
  }

  private long delete(String table, List<String> runIds) {
    String marks = String.join(", ", Collections.nCopies(runIds.size(), "?"));
    return SqlRows.update(
        database,
        "deleting the " + table + " rows of " + runIds.size() + " runs",
        "DELETE FROM " + table + " WHERE run_id IN (" + marks + ")",
        runIds.toArray());
  }

  /** Writes the purge's {@code purge_log} row and one {@code purged_runs} row per run; its id. */
  public long record(
      String label, String by, String reason, Instant at, List<String> runIds, Removed removed) {
    try {
      long id = log(label, by, reason, at, runIds.size(), removed);
      try (PreparedStatement ps =
          database
              .connection()
              .prepareStatement("INSERT INTO purged_runs (purge_id, run_id) VALUES (?, ?)")) {
        for (String run : runIds) {
          ps.setLong(1, id);
          ps.setString(2, run);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return id;
    } catch (SQLException e) {
      throw StoreException.of("recording the purge of label '" + label + "'", e);
    }
  }

  private long log(String label, String by, String reason, Instant at, long runs, Removed removed)
      throws SQLException {
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                "INSERT INTO purge_log (label, purged_at, purged_by, reason, runs, values_removed,"
                    + " summaries_removed, samples_removed, snapshots_removed)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, label);
      Jdbc.setTime(ps, 2, at);
      ps.setString(3, by);
      ps.setString(4, reason);
      ps.setLong(5, runs);
      ps.setLong(6, removed.values());
      ps.setLong(7, removed.summaries());
      ps.setLong(8, removed.samples());
      ps.setLong(9, removed.snapshots());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }
}
