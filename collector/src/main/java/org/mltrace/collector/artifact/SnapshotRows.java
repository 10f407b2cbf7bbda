package org.mltrace.collector.artifact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL of {@code artifact_snapshots} and {@code artifact_positions}, same on H2 and PostgreSQL.
 */
final class SnapshotRows {
  private SnapshotRows() {}

  static OptionalLong position(Connection c, String queueId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_index FROM artifact_positions WHERE queue_id = ?")) {
      ps.setString(1, queueId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  static void savePosition(Connection c, String queueId, long index, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE artifact_positions SET last_index = ?, updated_at = ? WHERE queue_id = ?")) {
      update.setLong(1, index);
      update.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      update.setString(3, queueId);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO artifact_positions (queue_id, last_index, updated_at) VALUES (?, ?, ?)")) {
      insert.setString(1, queueId);
      insert.setLong(2, index);
      insert.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  /** True when the run is stored (a dead-lettered run is not) and has no row for the variable. */
  static boolean wanted(Connection c, String runId, String direction, String name)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT (SELECT COUNT(*) FROM component_runs WHERE id = ?),"
                + " (SELECT COUNT(*) FROM artifact_snapshots"
                + " WHERE run_id = ? AND direction = ? AND name = ?)")) {
      ps.setString(1, runId);
      ps.setString(2, runId);
      ps.setString(3, direction);
      ps.setString(4, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1 && rs.getLong(2) == 0;
      }
    }
  }

  static void insert(Connection c, Snapshot r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO artifact_snapshots (run_id, direction, name, pointer_id, status,"
                + " content_hash, size, store_host, store_dir, detail, copied_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.runId());
      ps.setString(2, r.direction());
      ps.setString(3, r.name());
      ps.setString(4, r.pointerId());
      ps.setString(5, r.status());
      ps.setString(6, r.hash());
      if (r.size() == null) {
        ps.setNull(7, Types.BIGINT);
      } else {
        ps.setLong(7, r.size());
      }
      ps.setString(8, r.storeHost());
      ps.setString(9, r.storeDir());
      ps.setString(10, r.detail());
      ps.setObject(11, OffsetDateTime.ofInstant(r.copiedAt(), ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }

  /** The row of the run's variable: its output if it has one by that name, else its input. */
  static Optional<Snapshot> find(Connection c, String runId, String name) throws SQLException {
    List<Snapshot> rows =
        select(
            c,
            " WHERE run_id = ? AND name = ? ORDER BY direction DESC", // 'output' before 'input'
            runId,
            name);
    return rows.stream().findFirst();
  }

  /** The newest rows first, at most {@code limit}. */
  static List<Snapshot> latest(Connection c, int limit) throws SQLException {
    return select(c, " ORDER BY copied_at DESC, run_id, name LIMIT " + Math.max(1, limit));
  }

  private static List<Snapshot> select(Connection c, String where, String... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT run_id, direction, name, pointer_id, status, content_hash, size, store_host,"
                + " store_dir, detail, copied_at FROM artifact_snapshots"
                + where)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Snapshot> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long size = rs.getLong(7);
          Long sizeOrNull = rs.wasNull() ? null : size;
          rows.add(
              new Snapshot(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  sizeOrNull,
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getObject(11, OffsetDateTime.class).toInstant()));
        }
      }
      return rows;
    }
  }
}
