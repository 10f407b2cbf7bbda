package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The artifact snapshots ({@code artifact_snapshots}) and how far each queue's were taken ({@code
 * artifact_positions}), same on H2 and PostgreSQL. Joins the {@link UnitOfWork} running on the
 * database, if any. Every method throws {@link StoreException} when the database fails.
 */
public final class JdbcArtifactStore {
  private static final String COLUMNS =
      "SELECT run_id, direction, name, pointer_id, status, content_hash, size, store_host,"
          + " store_dir, detail, copied_at FROM artifact_snapshots";

  private final Database database;

  public JdbcArtifactStore(Database database) {
    this.database = database;
  }

  /** The index up to which the queue's snapshots were taken, if any. */
  public OptionalLong position(String queueId) {
    return SqlRows.query(
            database,
            "reading the snapshot position of " + queueId,
            "SELECT last_index FROM artifact_positions WHERE queue_id = ?",
            rs -> rs.getLong(1),
            queueId)
        .stream()
        .mapToLong(Long::longValue)
        .findFirst();
  }

  public void savePosition(String queueId, long index, Instant now) {
    String doing = "saving the snapshot position of " + queueId;
    if (SqlRows.update(
            database,
            doing,
            "UPDATE artifact_positions SET last_index = ?, updated_at = ? WHERE queue_id = ?",
            index,
            now,
            queueId)
        == 0) {
      SqlRows.update(
          database,
          doing,
          "INSERT INTO artifact_positions (queue_id, last_index, updated_at) VALUES (?, ?, ?)",
          queueId,
          index,
          now);
    }
  }

  /** True when the run is stored (a dead-lettered run is not) and has no row for the variable. */
  public boolean wanted(String runId, String direction, String name) {
    return SqlRows.query(
            database,
            "reading the snapshot of " + direction + " " + name + " of run " + runId,
            "SELECT (SELECT COUNT(*) FROM component_runs WHERE id = ?),"
                + " (SELECT COUNT(*) FROM artifact_snapshots"
                + " WHERE run_id = ? AND direction = ? AND name = ?)",
            rs -> rs.getLong(1) == 1 && rs.getLong(2) == 0,
            runId,
            runId,
            direction,
            name)
        .get(0);
  }

  public void insert(ArtifactSnapshot r) {
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                "INSERT INTO artifact_snapshots (run_id, direction, name, pointer_id, status,"
                    + " content_hash, size, store_host, store_dir, detail, copied_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.runId());
      ps.setString(2, r.direction());
      ps.setString(3, r.name());
      ps.setString(4, r.pointerId());
      ps.setString(5, r.status());
      ps.setString(6, r.hash());
      Jdbc.setLong(ps, 7, r.size());
      ps.setString(8, r.storeHost());
      ps.setString(9, r.storeDir());
      ps.setString(10, r.detail());
      Jdbc.setTime(ps, 11, r.copiedAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of(
          "recording the snapshot of " + r.direction() + " " + r.name() + " of run " + r.runId(),
          e);
    }
  }

  /** The row of the run's variable: its output if it has one by that name, else its input. */
  public Optional<ArtifactSnapshot> find(String runId, String name) {
    return SqlRows.query(
            database,
            "reading the artifact snapshots",
            COLUMNS + " WHERE run_id = ? AND name = ? ORDER BY direction DESC", // output first
            JdbcArtifactStore::snapshot,
            runId,
            name)
        .stream()
        .findFirst();
  }

  /** The newest rows first, at most {@code limit}. */
  public List<ArtifactSnapshot> latest(int limit) {
    return SqlRows.query(
        database,
        "listing the artifact snapshots",
        COLUMNS + " ORDER BY copied_at DESC, run_id, name LIMIT " + Math.max(1, limit),
        JdbcArtifactStore::snapshot);
  }

  private static ArtifactSnapshot snapshot(ResultSet rs) throws SQLException {
    return new ArtifactSnapshot(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        Jdbc.longOrNull(rs, "size"),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        Jdbc.time(rs, "copied_at"));
  }
}
