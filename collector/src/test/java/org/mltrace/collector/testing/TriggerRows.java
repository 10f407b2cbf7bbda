package org.mltrace.collector.testing;

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
import java.util.Arrays;
import java.util.List;
import org.mltrace.collector.store.Database;

/**
 * Hand-built rows for alert and staleness tests, written with plain SQL into a migrated database:
 * components, runs, outputs, dependencies and trigger results.
 */
public final class TriggerRows implements AutoCloseable {
  private final Database database;

  private TriggerRows(Database database) {
    this.database = database;
  }

  public static TriggerRows open(String url) {
    return new TriggerRows(Database.open(url, Database.Access.CREATE));
  }

  /** A second session on the same database, for the code under test. */
  public static Database session(String url) {
    return Database.open(url, Database.Access.CREATE);
  }

  private Connection c() {
    return database.connection();
  }

  /** A component; {@code staleAfterSeconds} null means not declared (30 days). */
  public TriggerRows component(String name, Long staleAfterSeconds) throws SQLException {
    try (PreparedStatement ps =
        c().prepareStatement("INSERT INTO components (name, stale_after_seconds) VALUES (?, ?)")) {
      ps.setString(1, name);
      if (staleAfterSeconds == null) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, staleAfterSeconds);
      }
      ps.executeUpdate();
    }
    return this;
  }

  public TriggerRows run(String id, String component, Instant start, Instant end)
      throws SQLException {
    return run(id, component, start, end, "ok");
  }

  public TriggerRows run(String id, String component, Instant start, Instant end, String status)
      throws SQLException {
    try (PreparedStatement ps =
        c().prepareStatement(
                "INSERT INTO component_runs (id, component, start_time, end_time, status,"
                    + " ingested_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, component);
      ps.setObject(3, utc(start));
      ps.setObject(4, utc(end));
      ps.setString(5, status);
      ps.setObject(6, utc(end));
      ps.executeUpdate();
    }
    return this;
  }

  /** An output of the run: a pointer (kind POINTER) or, with a null pointer, a value of kind. */
  public TriggerRows output(String runId, int position, String kind, String pointer)
      throws SQLException {
    if (pointer != null) {
      pointer(pointer);
    }
    // The run row holds its outputs, 8 entries each (V025); a pointer also gets a run_write_keys
    // row, which names the run and the pointer by key (V048).
    setValue(runId, "output_values", position, "out" + position, kind, pointer);
    if (pointer != null) {
      insertOne(
          "an output row of run " + runId,
          "INSERT INTO run_write_keys (pointer_key, end_time, run_key, position)"
              + " SELECT p.pointer_key, r.end_time, r.run_key, ? FROM component_runs r"
              + " JOIN io_pointers p ON p.identifier = ? WHERE r.id = ?",
          position,
          pointer,
          runId);
    }
    return this;
  }

  /** An input of the run named {@code name}, holding {@code pointer}. */
  public TriggerRows input(String runId, int position, String name, String pointer)
      throws SQLException {
    pointer(pointer);
    setValue(runId, "input_values", position, name, "POINTER", pointer);
    insertOne(
        "an input row of run " + runId,
        "INSERT INTO run_read_keys (pointer_key, run_key, position, name)"
            + " SELECT p.pointer_key, r.run_key, ?, ? FROM component_runs r"
            + " JOIN io_pointers p ON p.identifier = ? WHERE r.id = ?",
        position,
        name,
        pointer,
        runId);
    return this;
  }

  /**
   * Sets the value at {@code position} of the run's array {@code column} (V025: 8 entries each). On
   * PostgreSQL the arrays are a template and the run's own entries (V052): all three are read as
   * arrays and written back through V052's functions for rows written by hand.
   */
  private void setValue(
      String runId, String column, int position, String name, String kind, String text)
      throws SQLException {
    List<String> columns = List.of("input_values", "output_values", "value_summaries");
    List<List<Object>> arrays = new ArrayList<>();
    try (PreparedStatement ps =
        c().prepareStatement(
                "SELECT "
                    + (database.isPostgres()
                        ? "mltrace_run_entries(t.input_entries, r.value_entries),"
                            + " mltrace_run_entries(t.output_entries, r.value_entries),"
                            + " mltrace_run_entries(t.summary_entries, r.value_entries)"
                            + " FROM component_runs r LEFT JOIN value_templates t"
                            + " ON t.template_key = r.value_template"
                        : String.join(", ", columns) + " FROM component_runs r")
                    + " WHERE r.id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        for (int i = 1; i <= 3; i++) {
          java.sql.Array a = rs.getArray(i);
          arrays.add(
              a == null
                  ? new ArrayList<>()
                  : new ArrayList<>(Arrays.asList((Object[]) a.getArray())));
        }
      }
    }
    List<Object> values = arrays.get(columns.indexOf(column));
    while (values.size() < (position + 1) * 8) {
      values.add(null);
    }
    List<Object> value = Arrays.asList(name, kind, text, null, null, null, null, null);
    for (int i = 0; i < 8; i++) {
      values.set(position * 8 + i, value.get(i));
    }
    String texts =
        "mltrace_entries_text(CAST(? AS TEXT[])), mltrace_entries_text(CAST(? AS TEXT[])),"
            + " mltrace_entries_text(CAST(? AS TEXT[]))";
    try (PreparedStatement ps =
        c().prepareStatement(
                database.isPostgres()
                    ? "UPDATE component_runs SET value_template = mltrace_value_template("
                        + texts
                        + "), value_entries = mltrace_value_entries("
                        + texts
                        + ") WHERE id = ?"
                    : "UPDATE component_runs SET input_values = ?, output_values = ?,"
                        + " value_summaries = ? WHERE id = ?")) {
      int p = 1;
      for (int round = 0; round < (database.isPostgres() ? 2 : 1); round++) {
        for (List<Object> a : arrays) {
          if (a.isEmpty()) {
            ps.setNull(p++, java.sql.Types.ARRAY);
          } else {
            ps.setArray(p++, c().createArrayOf("VARCHAR", a.toArray()));
          }
        }
      }
      ps.setString(p, runId);
      ps.executeUpdate();
    }
  }

  /** Labels the pointer, as {@code mltrace label add} does. */
  public TriggerRows label(String pointer, String label, Instant at) throws SQLException {
    pointer(pointer);
    try (PreparedStatement ps =
        c().prepareStatement(
                "INSERT INTO pointer_labels (pointer_id, label, added_at) VALUES (?, ?, ?)")) {
      ps.setString(1, pointer);
      ps.setString(2, label);
      ps.setObject(3, utc(at));
      ps.executeUpdate();
    }
    return this;
  }

  /** Records the label's retraction, as {@code mltrace label retract} does. */
  public TriggerRows retract(String label, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c().prepareStatement("INSERT INTO label_retractions (label, retracted_at) VALUES (?, ?)")) {
      ps.setString(1, label);
      ps.setObject(2, utc(at));
      ps.executeUpdate();
    }
    return this;
  }

  /** {@code runId} read {@code pointer}, last written before it by {@code dependsOn}. */
  public TriggerRows dependency(String runId, String dependsOn, String pointer)
      throws SQLException {
    pointer(pointer);
    insertOne(
        "the dependency of run " + runId + " on run " + dependsOn,
        "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
            + " SELECT r.run_key, p.pointer_key, u.run_key FROM component_runs r"
            + " JOIN component_runs u ON u.id = ? JOIN io_pointers p ON p.identifier = ?"
            + " WHERE r.id = ?",
        dependsOn,
        pointer,
        runId);
    return this;
  }

  /**
   * Inserts one link row, its keys read from the rows of its runs and pointer (V048): those must
   * exist first, else the row would silently not be there.
   */
  private void insertOne(String what, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c().prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException(what + ": store its runs before it");
      }
    }
  }

  private void pointer(String identifier) throws SQLException {
    try (PreparedStatement exists =
        c().prepareStatement("SELECT 1 FROM io_pointers WHERE identifier = ?")) {
      exists.setString(1, identifier);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (PreparedStatement ps =
        c().prepareStatement(
                "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES (?, 'data',"
                    + " ?)")) {
      ps.setString(1, identifier);
      ps.setObject(2, utc(Instant.EPOCH));
      ps.executeUpdate();
    }
  }

  /** A {@code trigger_results} row, as the engine would write it. */
  public TriggerRows result(
      String runId,
      String component,
      String phase,
      int position,
      String trigger,
      String status,
      Double value,
      Double threshold,
      String message,
      boolean alert,
      Instant evaluatedAt)
      throws SQLException {
    try (PreparedStatement ps =
        c().prepareStatement(
                "INSERT INTO trigger_results (run_id, phase, position, component, trigger_name,"
                    + " status, value, threshold, message, alert, evaluated_at, duration_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 7)")) {
      ps.setString(1, runId);
      ps.setString(2, phase);
      ps.setInt(3, position);
      ps.setString(4, component);
      ps.setString(5, trigger);
      ps.setString(6, status);
      if (value == null) {
        ps.setNull(7, Types.DOUBLE);
      } else {
        ps.setDouble(7, value);
      }
      if (threshold == null) {
        ps.setNull(8, Types.DOUBLE);
      } else {
        ps.setDouble(8, threshold);
      }
      ps.setString(9, message);
      ps.setBoolean(10, alert);
      ps.setObject(11, utc(evaluatedAt));
      ps.executeUpdate();
    }
    return this;
  }

  /** The single number a query returns. */
  public long number(String sql) throws SQLException {
    try (Statement st = c().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  @Override
  public void close() {
    database.close();
  }
}
