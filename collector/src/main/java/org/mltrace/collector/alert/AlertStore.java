package org.mltrace.collector.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL behind alerts, on one connection the caller manages (transactions included). Works the
 * same on H2 and PostgreSQL. Every method throws {@link SQLException}; callers wrap it.
 */
final class AlertStore {
  private static final int IN_CHUNK = 500;
  private static final String RESULT_COLUMNS =
      "t.run_id, t.component, t.phase, t.position, t.trigger_name, t.status, t.value, t.threshold,"
          + " t.message, t.alert, t.evaluated_at, r.start_time, r.end_time";
  private static final String ALERT_COLUMNS =
      "id, component, phase, position, trigger_name, status, opened_at, opened_by_run,"
          + " resolved_at, resolved_by_run, value, threshold, message";

  private final Connection c;

  AlertStore(Connection c) {
    this.c = c;
  }

  /** Every result of these runs whose run is still stored, in no particular order. */
  List<ResultRow> resultsOf(Collection<String> runIds) throws SQLException {
    List<String> ids = new ArrayList<>(runIds);
    List<ResultRow> rows = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      String sql =
          "SELECT "
              + RESULT_COLUMNS
              + " FROM trigger_results t JOIN component_runs r ON r.id = t.run_id"
              + " WHERE t.run_id IN ("
              + "?,".repeat(chunk.size() - 1)
              + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(result(rs));
          }
        }
      }
    }
    return rows;
  }

  /**
   * The latest pass or fail of the declaration among runs not in {@code excluded}: what decided its
   * state before this batch.
   */
  Optional<ResultRow> latestDecisiveResult(TriggerKey key, Set<String> excluded)
      throws SQLException {
    String sql =
        "SELECT "
            + RESULT_COLUMNS
            + " FROM trigger_results t JOIN component_runs r ON r.id = t.run_id"
            + " WHERE t.component = ? AND t.phase = ? AND t.position = ? AND t.trigger_name = ?"
            + " AND t.status IN ('pass', 'fail')"
            + " ORDER BY r.end_time DESC, r.start_time DESC, t.run_id DESC";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!excluded.contains(rs.getString("run_id"))) {
            return Optional.of(result(rs));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The declaration's open alert, if any (the newest, should there ever be two). */
  Optional<Alert> openAlert(TriggerKey key) throws SQLException {
    String sql =
        "SELECT "
            + ALERT_COLUMNS
            + " FROM alerts WHERE component = ? AND phase = ? AND position = ? AND trigger_name = ?"
            + " AND status = 'open' ORDER BY id DESC";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
      }
    }
  }

  /** Opens an alert for the failing result; returns it with its generated id. */
  Alert open(ResultRow failing) throws SQLException {
    String sql =
        "INSERT INTO alerts (component, phase, position, trigger_name, status, opened_at,"
            + " opened_by_run, value, threshold, message) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bindKey(ps, failing.key());
      ps.setObject(5, utc(failing.evaluatedAt()));
      ps.setString(6, failing.runId());
      setDouble(ps, 7, failing.value());
      setDouble(ps, 8, failing.threshold());
      ps.setString(9, failing.message());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        TriggerKey k = failing.key();
        return new Alert(
            keys.getLong(1),
            k.component(),
            k.phase(),
            k.position(),
            k.triggerName(),
            Alert.OPEN,
            failing.evaluatedAt(),
            failing.runId(),
            null,
            null,
            failing.value(),
            failing.threshold(),
            failing.message());
      }
    }
  }

  /** Marks the alert resolved by the passing result. */
  void resolve(Alert open, ResultRow passing) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by_run = ?"
                + " WHERE id = ?")) {
      ps.setObject(1, utc(passing.evaluatedAt()));
      ps.setString(2, passing.runId());
      ps.setLong(3, open.id());
      ps.executeUpdate();
    }
  }

  /** Open alerts, or all with {@code all}, newest first. */
  List<Alert> list(boolean all) throws SQLException {
    String sql =
        "SELECT "
            + ALERT_COLUMNS
            + " FROM alerts"
            + (all ? "" : " WHERE status = 'open'")
            + " ORDER BY opened_at DESC, id DESC";
    List<Alert> alerts = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        alerts.add(alert(rs));
      }
    }
    return alerts;
  }

  private static void bindKey(PreparedStatement ps, TriggerKey key) throws SQLException {
    ps.setString(1, key.component());
    ps.setString(2, key.phase());
    ps.setInt(3, key.position());
    ps.setString(4, key.triggerName());
  }

  private static ResultRow result(ResultSet rs) throws SQLException {
    return new ResultRow(
        rs.getString("run_id"),
        new TriggerKey(
            rs.getString("component"),
            rs.getString("phase"),
            rs.getInt("position"),
            rs.getString("trigger_name")),
        rs.getString("status"),
        doubleOrNull(rs, "value"),
        doubleOrNull(rs, "threshold"),
        rs.getString("message"),
        rs.getBoolean("alert"),
        time(rs, "evaluated_at"),
        time(rs, "start_time"),
        time(rs, "end_time"));
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getLong("id"),
        rs.getString("component"),
        rs.getString("phase"),
        rs.getInt("position"),
        rs.getString("trigger_name"),
        rs.getString("status"),
        time(rs, "opened_at"),
        rs.getString("opened_by_run"),
        time(rs, "resolved_at"),
        rs.getString("resolved_by_run"),
        doubleOrNull(rs, "value"),
        doubleOrNull(rs, "threshold"),
        rs.getString("message"));
  }

  private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private static void setDouble(PreparedStatement ps, int index, Double v) throws SQLException {
    if (v == null || !Double.isFinite(v)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, v);
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
