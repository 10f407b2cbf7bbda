package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.lineage.EventTimes;

/**
 * Writes one run's rows inside an ingest transaction: the run, a bare component row for an
 * undeclared component (widening its first/last seen), the inputs and outputs in YAML order (with
 * a file's modification time and fingerprint), a {@code run_value_summaries} row for each summarized
 * value, and an {@code io_pointers} row for each pointer seen for the first time.
 */
final class RunRowWriter {
  private final StatementCache statements;
  private final SqlDialect dialect;

  RunRowWriter(StatementCache statements, SqlDialect dialect) {
    this.statements = statements;
    this.dialect = dialect;
  }

  /**
   * Stores the run; returns false, storing nothing, if its id is already stored.
   *
   * @throws StoreException if the database refuses a row
   */
  boolean insert(RunEvent e, Instant now) {
    try {
      PreparedStatement exists = statements.get("SELECT 1 FROM component_runs WHERE id = ?");
      exists.setString(1, e.runId());
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
      Instant start = EventTimes.ofEpochMicros(e.startEpochMicros());
      Instant end = EventTimes.ofEpochMicros(e.endEpochMicros());
      seeComponent(e.component(), start, end);
      PreparedStatement run =
          statements.get(
              "INSERT INTO component_runs ("
                  + JdbcRunRepository.RUN_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      Jdbc.setText(run, 1, e.runId());
      Jdbc.setText(run, 2, e.component());
      Jdbc.setText(run, 3, e.method());
      Jdbc.setText(run, 4, e.agentId());
      Jdbc.setText(run, 5, e.host());
      run.setLong(6, e.pid());
      Jdbc.setText(run, 7, e.thread());
      Jdbc.setTime(run, 8, start);
      Jdbc.setTime(run, 9, end);
      run.setLong(10, e.durationNanos());
      Jdbc.setText(run, 11, e.codeVersion());
      Jdbc.setText(run, 12, e.gitCommit());
      Jdbc.setText(run, 13, e.failed() ? "failed" : "ok");
      Jdbc.setText(run, 14, e.errorClass());
      Jdbc.setText(run, 15, e.errorMessage());
      Jdbc.setTime(run, 16, now);
      run.executeUpdate();
      insertValues("run_inputs", e.runId(), e.inputs(), start);
      insertValues("run_outputs", e.runId(), e.outputs(), end);
      insertSummaries("input", e.runId(), e.inputs());
      insertSummaries("output", e.runId(), e.outputs());
      return true;
    } catch (SQLException ex) {
      throw StoreException.of("storing run " + e.runId(), ex);
    }
  }

  /**
   * Creates a bare component row for an undeclared component; widens first/last seen. The widening
   * is one conditional UPDATE, so concurrent collectors cannot overwrite each other's wider value,
   * and the row is created with an insert-if-absent, so they cannot both fail to create it.
   */
  private void seeComponent(String name, Instant start, Instant end) throws SQLException {
    if (widenComponent(name, start, end) > 0) {
      return;
    }
    PreparedStatement exists = statements.get("SELECT 1 FROM components WHERE name = ?");
    Jdbc.setText(exists, 1, name);
    try (ResultSet rs = exists.executeQuery()) {
      if (rs.next()) {
        return; // already covers [start, end]
      }
    }
    PreparedStatement insert =
        statements.get(
            dialect.insertIfAbsent(
                "components",
                "name",
                "name VARCHAR",
                "first_seen TIMESTAMP WITH TIME ZONE",
                "last_seen TIMESTAMP WITH TIME ZONE"));
    Jdbc.setText(insert, 1, name);
    Jdbc.setTime(insert, 2, start);
    Jdbc.setTime(insert, 3, end);
    if (insert.executeUpdate() == 0) {
      widenComponent(name, start, end); // created meanwhile by another collector
    }
  }

  private int widenComponent(String name, Instant start, Instant end) throws SQLException {
    PreparedStatement update =
        statements.get(
            "UPDATE components SET"
                + " first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END,"
                + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
                + " WHERE name = ? AND (first_seen IS NULL OR first_seen > ?"
                + " OR last_seen IS NULL OR last_seen < ?)");
    Jdbc.setTime(update, 1, start);
    Jdbc.setTime(update, 2, start);
    Jdbc.setTime(update, 3, end);
    Jdbc.setTime(update, 4, end);
    Jdbc.setText(update, 5, name);
    Jdbc.setTime(update, 6, start);
    Jdbc.setTime(update, 7, end);
    return update.executeUpdate();
  }

  private void insertValues(String table, String runId, List<CapturedValue> values, Instant seen)
      throws SQLException {
    PreparedStatement insert =
        statements.get(
            "INSERT INTO "
                + table
                + " (run_id, position, name, value_kind, value_text, pointer_id, class_name, size,"
                + " value_type, modified_at, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int i = 0; i < values.size(); i++) {
      CapturedValue v = values.get(i);
      String pointer = v.isPointer() && v.text() != null ? v.text() : null;
      if (pointer != null) {
        seePointer(pointer, v.pointerType(), v.className(), seen);
      }
      Jdbc.setText(insert, 1, runId);
      insert.setInt(2, i);
      Jdbc.setText(insert, 3, v.name());
      Jdbc.setText(insert, 4, v.kind().name());
      Jdbc.setText(insert, 5, v.text());
      Jdbc.setText(insert, 6, pointer);
      Jdbc.setText(insert, 7, v.className());
      Jdbc.setLong(insert, 8, v.size() < 0 ? null : v.size());
      Jdbc.setText(insert, 9, v.pointerType());
      long modified = v.file() == null ? -1 : v.file().modifiedEpochMillis();
      Jdbc.setTime(insert, 10, modified < 0 ? null : Instant.ofEpochMilli(modified));
      Jdbc.setText(insert, 11, v.fingerprint());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  private void insertSummaries(String direction, String runId, List<CapturedValue> values)
      throws SQLException {
    PreparedStatement insert = null;
    for (int i = 0; i < values.size(); i++) {
      ValueSummary s = values.get(i).summary();
      if (s == null) {
        continue;
      }
      if (insert == null) {
        insert =
            statements.get(
                "INSERT INTO run_value_summaries (run_id, direction, position, elements, sampling,"
                    + " element_count, sampled, null_count, nan_count, min_value, max_value,"
                    + " mean_value, stddev_value, distinct_estimate)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      Jdbc.setText(insert, 1, runId);
      Jdbc.setText(insert, 2, direction);
      insert.setInt(3, i);
      Jdbc.setText(insert, 4, s.elements() == null ? "none" : s.elements());
      Jdbc.setText(insert, 5, s.sampling() == null ? "all" : s.sampling());
      insert.setLong(6, s.count());
      insert.setLong(7, s.sampled());
      insert.setLong(8, s.nulls());
      insert.setLong(9, s.nans());
      Jdbc.setDouble(insert, 10, s.min());
      Jdbc.setDouble(insert, 11, s.max());
      Jdbc.setDouble(insert, 12, s.mean());
      Jdbc.setDouble(insert, 13, s.stddev());
      insert.setLong(14, s.distinct());
      insert.addBatch();
    }
    if (insert != null) {
      insert.executeBatch();
    }
  }

  private void seePointer(String identifier, String type, String className, Instant seen)
      throws SQLException {
    PreparedStatement select =
        statements.get("SELECT first_seen FROM io_pointers WHERE identifier = ?");
    Jdbc.setText(select, 1, identifier);
    try (ResultSet rs = select.executeQuery()) {
      if (rs.next()) {
        return;
      }
    }
    PreparedStatement insert =
        statements.get(
            dialect.insertIfAbsent(
                "io_pointers",
                "identifier",
                "identifier VARCHAR",
                "pointer_type VARCHAR",
                "class_name VARCHAR",
                "first_seen TIMESTAMP WITH TIME ZONE"));
    Jdbc.setText(insert, 1, identifier);
    Jdbc.setText(insert, 2, type);
    Jdbc.setText(insert, 3, className);
    Jdbc.setTime(insert, 4, seen);
    insert.executeUpdate(); // nothing when another collector created it meanwhile
  }
}
