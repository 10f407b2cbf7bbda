package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code alerts} table, and the {@code trigger_results} the alert state machine reads. Works
 * the same on H2 and PostgreSQL; runs in the caller's transaction when there is one (a {@link
 * UnitOfWork} on the same {@link Database}, or the ingest transaction for SLA alerts). Every method
 * throws {@link StoreException} when the database fails.
 */
public final class JdbcAlertStore {
  /** A trigger result with its run's start and end, which order the results of a declaration. */
  public record RunResult(TriggerOutcome outcome, Instant runStart, Instant runEnd) {}

  private static final int IN_CHUNK = 500;
  static final String RESULT_COLUMNS =
      "t.run_id, t.component, t.phase, t.position, t.trigger_name, t.status, t.value, t.threshold,"
          + " t.message, t.alert, t.evaluated_at, t.duration_micros, r.start_time, r.end_time";
  private static final String ALERT_COLUMNS =
      "id, component, phase, position, trigger_name, status, opened_at, opened_by_run,"
          + " resolved_at, resolved_by_run, value, threshold, message";

  private final Supplier<Connection> connection;
  private final boolean postgres;

  public JdbcAlertStore(Database database) {
    this(database::connection, database.isPostgres());
  }

  private JdbcAlertStore(Supplier<Connection> connection, boolean postgres) {
    this.connection = connection;
    this.postgres = postgres;
  }

  /** On the ingest transaction: SLA alerts commit with the task evaluation that decides them. */
  public static JdbcAlertStore in(IngestTransaction tx) {
    JdbcIngestTransaction jdbc = (JdbcIngestTransaction) tx;
    return new JdbcAlertStore(jdbc::connection, jdbc.postgres());
  }

  /**
   * Takes the alerts lock in the current transaction (PostgreSQL), so two collectors never open the
   * same alert twice.
   */
  public void lock() {
    try {
      UnitOfWork.take(connection.get(), postgres, UnitOfWork.Lock.ALERTS);
    } catch (SQLException e) {
      throw StoreException.of("taking the alerts lock", e);
    }
  }

  /** Every result of these runs whose run is still stored, in no particular order. */
  public List<RunResult> resultsOf(Collection<String> runIds) {
    List<String> ids = new ArrayList<>(runIds);
    List<RunResult> rows = new ArrayList<>();
    Connection c = connection.get();
    try {
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
    } catch (SQLException e) {
      throw StoreException.of("reading the trigger results of " + ids.size() + " runs", e);
    }
    return rows;
  }

  /**
   * The latest pass or fail of the declaration among runs not in {@code excluded}: what decided its
   * state before them.
   */
  public Optional<RunResult> latestDecisiveResult(TriggerKey key, Set<String> excluded) {
    String sql =
        "SELECT "
            + RESULT_COLUMNS
            + " FROM trigger_results t JOIN component_runs r ON r.id = t.run_id"
            + " WHERE t.component = ? AND t.phase = ? AND t.position = ? AND t.trigger_name = ?"
            + " AND t.status IN ('pass', 'fail')"
            + " ORDER BY r.end_time DESC, r.start_time DESC, t.run_id DESC";
    try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!excluded.contains(rs.getString("run_id"))) {
            return Optional.of(result(rs));
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw StoreException.of("reading the latest result of " + key, e);
    }
  }

  /** The declaration's open alert, if any (the newest, should there ever be two). */
  public Optional<Alert> openAlert(TriggerKey key) {
    String sql =
        "SELECT "
            + ALERT_COLUMNS
            + " FROM alerts WHERE component = ? AND phase = ? AND position = ? AND trigger_name = ?"
            + " AND status = 'open' ORDER BY id DESC";
    try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(alert(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.of("reading the open alert of " + key, e);
    }
  }

  /** Opens an alert for the failing result; returns it with its generated id. */
  public Alert open(TriggerOutcome failing) {
    String sql =
        "INSERT INTO alerts (component, phase, position, trigger_name, status, opened_at,"
            + " opened_by_run, value, threshold, message) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)";
    TriggerKey k = failing.key();
    try (PreparedStatement ps =
        connection.get().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bindKey(ps, k);
      Jdbc.setTime(ps, 5, failing.evaluatedAt());
      ps.setString(6, failing.runId());
      Jdbc.setDouble(ps, 7, failing.value());
      Jdbc.setDouble(ps, 8, failing.threshold());
      ps.setString(9, failing.message());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
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
    } catch (SQLException e) {
      throw StoreException.of("opening an alert for " + k, e);
    }
  }

  /** Marks the alert resolved by the passing result. */
  public void resolve(Alert open, TriggerOutcome passing) {
    try (PreparedStatement ps =
        connection
            .get()
            .prepareStatement(
                "UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by_run = ?"
                    + " WHERE id = ?")) {
      Jdbc.setTime(ps, 1, passing.evaluatedAt());
      ps.setString(2, passing.runId());
      ps.setLong(3, open.id());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.of("resolving alert #" + open.id(), e);
    }
  }

  /** Open alerts, or all with {@code all}, newest first. */
  public List<Alert> list(boolean all) {
    String sql =
        "SELECT "
            + ALERT_COLUMNS
            + " FROM alerts"
            + (all ? "" : " WHERE status = 'open'")
            + " ORDER BY opened_at DESC, id DESC";
    List<Alert> alerts = new ArrayList<>();
    try (Statement st = connection.get().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        alerts.add(alert(rs));
      }
    } catch (SQLException e) {
      throw StoreException.of("listing alerts", e);
    }
    return alerts;
  }

  private static void bindKey(PreparedStatement ps, TriggerKey key) throws SQLException {
    ps.setString(1, key.component());
    ps.setString(2, key.phase());
    ps.setInt(3, key.position());
    ps.setString(4, key.triggerName());
  }

  static RunResult result(ResultSet rs) throws SQLException {
    return new RunResult(
        JdbcRunRepository.triggerOutcome(rs),
        Jdbc.time(rs, "start_time"),
        Jdbc.time(rs, "end_time"));
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getLong("id"),
        rs.getString("component"),
        rs.getString("phase"),
        rs.getInt("position"),
        rs.getString("trigger_name"),
        rs.getString("status"),
        Jdbc.time(rs, "opened_at"),
        rs.getString("opened_by_run"),
        Jdbc.time(rs, "resolved_at"),
        rs.getString("resolved_by_run"),
        Jdbc.doubleOrNull(rs, "value"),
        Jdbc.doubleOrNull(rs, "threshold"),
        rs.getString("message"));
  }
}
