package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger engine's tables: the runs waiting in {@code trigger_pending}, the components'
 * declarations in {@code component_triggers}, and {@code trigger_results}.
 *
 * <p>Storing a run's results deletes its pending row in the same transaction, and only the
 * transaction whose delete removed the row inserts results: a run is evaluated into the table
 * exactly once, across restarts and with several collectors on one PostgreSQL database. Thread-safe
 * in the same way as {@link RunSnapshotReader}, with which it shares the connection.
 */
public final class TriggerStore {
  private static final Logger log = LoggerFactory.getLogger(TriggerStore.class);

  private final Database database;

  public TriggerStore(Database database) {
    this.database = database;
  }

  /**
   * The trigger results of the runs, each with its run's start, in run start order then phase and
   * position (per chunk of {@link AnyOf} runs).
   */
  public List<JdbcAlertStore.RunResult> resultsInTime(Collection<String> runIds) {
    List<JdbcAlertStore.RunResult> results = new ArrayList<>();
    for (List<String> chunk : AnyOf.distinctChunks(database, runIds)) {
      results.addAll(
          SqlRows.query(
              database,
              "reading trigger results",
              "SELECT "
                  + JdbcAlertStore.RESULT_COLUMNS
                  + " FROM trigger_results t JOIN component_runs r ON r.id = t.run_id"
                  + " WHERE t.run_id = ANY(?) ORDER BY r.start_time, t.run_id, t.phase DESC,"
                  + " t.position",
              JdbcAlertStore::result,
              chunk));
    }
    return results;
  }

  /** The names of the triggers that failed on each run, by phase and position; others absent. */
  public Map<String, List<String>> failedTriggers(Collection<String> runIds) {
    return SqlRows.grouped(
        database,
        "reading the failed triggers of runs",
        "SELECT run_id, trigger_name FROM trigger_results WHERE status = 'fail'"
            + " AND run_id = ANY(?) ORDER BY run_id, phase DESC, position",
        runIds);
  }

  /** The oldest pending runs, at most {@code limit}, in the order they were stored. */
  public List<PendingRun> pending(int limit) {
    synchronized (database) {
      Connection c = database.connection();
      try {
        c.setAutoCommit(true);
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT p.run_id, r.component FROM trigger_pending p"
                    + " JOIN component_runs r ON r.id = p.run_id"
                    + " ORDER BY p.enqueued_at, p.run_id LIMIT ?")) {
          ps.setInt(1, limit);
          List<PendingRun> runs = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              runs.add(new PendingRun(rs.getString(1), rs.getString(2)));
            }
          }
          return runs;
        }
      } catch (SQLException e) {
        throw StoreException.of("reading the runs waiting for their triggers", e);
      }
    }
  }

  /** How many runs wait for their triggers. */
  public long pendingCount() {
    synchronized (database) {
      Connection c = database.connection();
      try {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trigger_pending");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw StoreException.of("counting the runs waiting for their triggers", e);
      }
    }
  }

  /** The declarations of each of {@code components}, by component, in phase and list order. */
  public Map<String, List<TriggerDeclaration>> declarations(Collection<String> components) {
    synchronized (database) {
      Connection c = database.connection();
      Map<String, List<TriggerDeclaration>> byComponent = new TreeMap<>();
      try {
        c.setAutoCommit(true);
        for (List<String> chunk : AnyOf.chunks(database, List.copyOf(new HashSet<>(components)))) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT component, phase, position, trigger_name, user_trigger, args, alert,"
                      + " source FROM component_triggers WHERE component = ANY(?)"
                      + " ORDER BY component, phase DESC, position")) {
            AnyOf.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                boolean alertValue = rs.getBoolean("alert");
                Boolean alert = rs.wasNull() ? null : alertValue;
                TriggerDeclaration d =
                    new TriggerDeclaration(
                        rs.getString("component"),
                        rs.getString("phase"),
                        rs.getInt("position"),
                        rs.getString("trigger_name"),
                        rs.getBoolean("user_trigger"),
                        args(rs.getString("args")),
                        alert,
                        rs.getString("source"));
                byComponent.computeIfAbsent(d.component(), k -> new ArrayList<>()).add(d);
              }
            }
          }
        }
        return byComponent;
      } catch (SQLException e) {
        throw StoreException.of("reading the trigger declarations of " + components, e);
      }
    }
  }

  /**
   * The stored arguments, a JSON object of strings. Something else cannot come from the collector;
   * it is logged and read as no arguments, which the trigger's validation then reports.
   */
  private static Map<String, String> args(String json) {
    try {
      return TriggerArgsJson.read(json);
    } catch (IllegalArgumentException e) {
      log.warn("{}; read as no arguments", e.getMessage());
      return Map.of();
    }
  }

  /**
   * In one transaction, deletes the pending rows of {@code runIds} and inserts the outcomes of the
   * runs whose row this call deleted; returns those runs. A run missing from the result was stored
   * by someone else meanwhile (another engine), and its outcomes here were dropped.
   */
  public Set<String> store(Collection<String> runIds, List<TriggerOutcome> outcomes) {
    synchronized (database) {
      return UnitOfWork.run(
          database,
          UnitOfWork.Lock.NONE,
          UnitOfWork.End.COMMIT,
          "storing the trigger results of " + runIds.size() + " runs",
          c -> {
            Set<String> claimed = claim(c, List.copyOf(runIds));
            insert(c, outcomes, claimed);
            return claimed;
          });
    }
  }

  private static Set<String> claim(Connection c, List<String> runIds) throws SQLException {
    Set<String> claimed = new HashSet<>();
    if (runIds.isEmpty()) {
      return claimed;
    }
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM trigger_pending WHERE run_id = ?")) {
      for (String id : runIds) {
        delete.setString(1, id);
        delete.addBatch();
      }
      int[] counts = delete.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        // SUCCESS_NO_INFO (-2) is not returned by H2 or PostgreSQL for a plain batched DELETE.
        if (counts[i] > 0) {
          claimed.add(runIds.get(i));
        }
      }
    }
    return claimed;
  }

  private static void insert(Connection c, List<TriggerOutcome> outcomes, Set<String> claimed)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO trigger_results (run_id, phase, position, component, trigger_name,"
                + " status, value, threshold, message, alert, evaluated_at, duration_micros)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      boolean any = false;
      for (TriggerOutcome o : outcomes) {
        if (!claimed.contains(o.runId())) {
          continue;
        }
        Jdbc.setText(insert, 1, o.runId());
        Jdbc.setText(insert, 2, o.phase());
        insert.setInt(3, o.position());
        Jdbc.setText(insert, 4, o.component());
        Jdbc.setText(insert, 5, o.triggerName());
        Jdbc.setText(insert, 6, o.status());
        setDouble(insert, 7, o.value());
        setDouble(insert, 8, o.threshold());
        Jdbc.setText(insert, 9, o.message());
        insert.setBoolean(10, o.alert());
        Jdbc.setTime(insert, 11, o.evaluatedAt());
        insert.setLong(12, o.durationMicros());
        insert.addBatch();
        any = true;
      }
      if (any) {
        insert.executeBatch();
      }
    }
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      Jdbc.setDouble(ps, index, value);
    }
  }
}
