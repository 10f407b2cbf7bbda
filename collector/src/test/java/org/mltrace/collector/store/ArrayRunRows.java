package org.mltrace.collector.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs written by SQL the way the collector stored them from V025 on: one component_runs row with
 * the run's values inline, 8 array entries a value (name, kind, text, class, size, type, modified,
 * fingerprint). For migration tests, which write an older release's rows without its ingest.
 */
final class ArrayRunRows {
  private ArrayRunRows() {}

  /** A value array of the values given (each its 8 fields), as an SQL literal. */
  static String array(String... values) {
    return "ARRAY[" + String.join(", ", values) + "]";
  }

  /** A pointer value; {@code fingerprint} may be null. */
  static String pointer(String name, String identifier, String fingerprint) {
    return "'"
        + name
        + "', 'POINTER', '"
        + identifier
        + "', NULL, NULL, 'data', NULL, "
        + (fingerprint == null ? "NULL" : "'" + fingerprint + "'");
  }

  /** A value that is not a pointer: {@code kind} LONG, DOUBLE, STRING... */
  static String plain(String name, String kind, String text) {
    return "'" + name + "', '" + kind + "', '" + text + "', NULL, NULL, NULL, NULL, NULL";
  }

  /**
   * A run of {@code component} that started at second {@code start}, took one second and was stored
   * the next; {@code in} and {@code out} are arrays or {@code NULL}. A run with neither names no
   * value column, so that it can be written after V052 too (which has no arrays on PostgreSQL).
   */
  static void run(Statement st, String id, String component, int start, String in, String out)
      throws SQLException {
    boolean values = !(in.equals("NULL") && out.equals("NULL"));
    st.execute(
        "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at"
            + (values ? ", input_values, output_values" : "")
            + ") VALUES ('"
            + id
            + "', '"
            + component
            + "', "
            + at(start)
            + ", "
            + at(start + 1)
            + ", 'ok', "
            + at(start + 2)
            + (values ? ", " + in + ", " + out : "")
            + ")");
  }

  /** Second {@code second} of 2026-01-01 10:00 UTC, as an SQL literal. */
  static String at(int second) {
    return String.format("TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:%02d+00'", second);
  }
}
