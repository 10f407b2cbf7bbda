package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.EventTimes;

/**
 * Writes one run's rows inside an ingest transaction: the run, a bare component row for an
 * undeclared component (widening its first/last seen), the inputs and outputs in YAML order, and an
 * {@code io_pointers} row for each pointer seen for the first time.
 */
final class RunRowWriter {
  private final StatementCache statements;

  RunRowWriter(StatementCache statements) {
    this.statements = statements;
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
      return true;
    } catch (SQLException ex) {
      throw StoreException.of("storing run " + e.runId(), ex);
    }
  }

  /** Creates a bare component row for an undeclared component; widens first/last seen. */
  private void seeComponent(String name, Instant start, Instant end) throws SQLException {
    PreparedStatement select =
        statements.get("SELECT first_seen, last_seen FROM components WHERE name = ?");
    Jdbc.setText(select, 1, name);
    try (ResultSet rs = select.executeQuery()) {
      if (rs.next()) {
        Instant first = Jdbc.time(rs, "first_seen");
        Instant last = Jdbc.time(rs, "last_seen");
        Instant newFirst = first == null || start.isBefore(first) ? start : first;
        Instant newLast = last == null || end.isAfter(last) ? end : last;
        if (!newFirst.equals(first) || !newLast.equals(last)) {
          PreparedStatement update =
              statements.get("UPDATE components SET first_seen = ?, last_seen = ? WHERE name = ?");
          Jdbc.setTime(update, 1, newFirst);
          Jdbc.setTime(update, 2, newLast);
          Jdbc.setText(update, 3, name);
          update.executeUpdate();
        }
        return;
      }
    }
    PreparedStatement insert =
        statements.get("INSERT INTO components (name, first_seen, last_seen) VALUES (?, ?, ?)");
    Jdbc.setText(insert, 1, name);
    Jdbc.setTime(insert, 2, start);
    Jdbc.setTime(insert, 3, end);
    insert.executeUpdate();
  }

  private void insertValues(String table, String runId, List<CapturedValue> values, Instant seen)
      throws SQLException {
    PreparedStatement insert =
        statements.get(
            "INSERT INTO "
                + table
                + " (run_id, position, name, value_kind,"
                + " value_text, pointer_id, class_name, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
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
      insert.addBatch();
    }
    insert.executeBatch();
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
            "INSERT INTO io_pointers (identifier, pointer_type, class_name,"
                + " flag, first_seen) VALUES (?, ?, ?, FALSE, ?)");
    Jdbc.setText(insert, 1, identifier);
    Jdbc.setText(insert, 2, type);
    Jdbc.setText(insert, 3, className);
    Jdbc.setTime(insert, 4, seen);
    insert.executeUpdate();
  }
}
