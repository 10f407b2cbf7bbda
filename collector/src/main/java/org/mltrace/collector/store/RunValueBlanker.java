package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Blanks what runs captured, in the caller's transaction ({@code mltrace purge}): each input and
 * output keeps its name, kind and type, and a pointer its identifier, while text, size, class,
 * modification time and fingerprint are removed from the run's arrays (V025; a template and the
 * run's own entries on PostgreSQL, V052) and the fingerprints from its {@code run_read_keys}/{@code
 * run_write_keys} rows (found by pointer, then run: V047, V048); the run's summaries are removed.
 */
public final class RunValueBlanker {
  private static final int TEXT = 2;
  private static final int CLASS = 3;
  private static final int SIZE = 4;
  private static final int MODIFIED = 6;
  private static final int FINGERPRINT = 7;

  private RunValueBlanker() {}

  /** What was removed: values that held something to blank, and summaries. */
  public record Blanked(long values, long summaries) {}

  /** Blanks the runs' values and removes their summaries. */
  public static Blanked blank(Connection c, SqlDialect dialect, List<String> runIds)
      throws SQLException {
    if (runIds.isEmpty()) {
      return new Blanked(0, 0);
    }
    String marks = String.join(", ", Collections.nCopies(runIds.size(), "?"));
    long values = 0;
    long summaries = 0;
    Set<String> components = new TreeSet<>();
    List<RunValueReader.PointerValue> reads = new ArrayList<>();
    List<RunValueReader.PointerValue> writes = new ArrayList<>();
    List<Object[]> changedRuns = new ArrayList<>(); // {id, inputs, outputs}
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, component, "
                + dialect.allEntriesRead()
                + " FROM component_runs"
                + dialect.valuesJoin("component_runs")
                + " WHERE id IN ("
                + marks
                + ")")) {
      for (int i = 0; i < runIds.size(); i++) {
        select.setString(i + 1, runIds.get(i));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[][] arrays = dialect.readAllEntries(rs, 3);
          Object[] inputs = copy(arrays[0]);
          Object[] outputs = copy(arrays[1]);
          reads.addAll(RunValueReader.pointersIn(rs.getString(1), inputs));
          writes.addAll(RunValueReader.pointersIn(rs.getString(1), outputs));
          Object[] summary = arrays[2];
          long changed = blankEntries(inputs) + blankEntries(outputs);
          long removed = summary == null ? 0 : summary.length / RunValueArrays.SUMMARY_FIELDS;
          if (changed == 0 && removed == 0) {
            continue;
          }
          values += changed;
          summaries += removed;
          components.add(rs.getString(2));
          changedRuns.add(new Object[] {rs.getString(1), inputs, outputs});
        }
      }
    }
    store(c, dialect, changedRuns);
    MetricRollups.forget(c, components); // their series' rollups hold the blanked values
    blankFingerprints(c, "run_read_keys", reads);
    blankFingerprints(c, "run_write_keys", writes);
    return new Blanked(values, summaries);
  }

  /**
   * Writes the blanked runs' values back, without summaries. A blanked value has no class: on
   * PostgreSQL its run gets another template (V052), stored here if it is new.
   */
  private static void store(Connection c, SqlDialect dialect, List<Object[]> runs)
      throws SQLException {
    if (runs.isEmpty()) {
      return;
    }
    Map<ValueTemplate, Integer> templateKeys = Map.of();
    if (dialect == SqlDialect.POSTGRES) {
      Set<ValueTemplate> shapes = new HashSet<>();
      for (Object[] run : runs) {
        ValueTemplate t =
            ValueTemplate.split((Object[]) run[1], (Object[]) run[2], null).template();
        if (t != null) {
          shapes.add(t);
        }
      }
      templateKeys = new SharedRowKeys<>(ValueTemplate.TABLE).inTransaction(c).keysOf(shapes);
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE "
                + dialect.runTable()
                + " SET "
                + dialect.valuesAssignments()
                + " WHERE id = ?")) {
      for (Object[] run : runs) {
        int next =
            dialect.bindValues(update, 1, (Object[]) run[1], (Object[]) run[2], null, templateKeys);
        update.setString(next, (String) run[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /**
   * By pointer then run: the pointer rows have no key by run (V047). They hold keys (V048), each
   * looked up by a subquery that names no outer column, so both databases probe it once and read
   * the rows through the index by pointer key.
   */
  private static void blankFingerprints(
      Connection c, String table, List<RunValueReader.PointerValue> pairs) throws SQLException {
    if (pairs.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + table
                + " SET fingerprint = NULL"
                + " WHERE pointer_key = (SELECT pointer_key FROM io_pointers WHERE identifier = ?)"
                + " AND run_key = (SELECT run_key FROM component_runs WHERE id = ?)"
                + " AND fingerprint IS NOT NULL")) {
      for (RunValueReader.PointerValue pair : pairs) {
        ps.setString(1, pair.pointer());
        ps.setString(2, pair.runId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** A copy to blank, so that the array read stays as it was. */
  private static Object[] copy(Object[] entries) {
    return entries == null ? null : entries.clone();
  }

  /** Blanks each value of the array in place; returns how many held something to blank. */
  private static long blankEntries(Object[] a) {
    if (a == null) {
      return 0;
    }
    long changed = 0;
    for (int v = 0; v + RunValueArrays.VALUE_FIELDS <= a.length; v += RunValueArrays.VALUE_FIELDS) {
      boolean pointer = "POINTER".equals(a[v + 1]);
      boolean something =
          (!pointer && a[v + TEXT] != null)
              || a[v + SIZE] != null
              || a[v + CLASS] != null
              || a[v + FINGERPRINT] != null
              || a[v + MODIFIED] != null;
      if (something) {
        changed++;
        if (!pointer) {
          a[v + TEXT] = null;
        }
        a[v + CLASS] = null;
        a[v + SIZE] = null;
        a[v + MODIFIED] = null;
        a[v + FINGERPRINT] = null;
      }
    }
    return changed;
  }
}
