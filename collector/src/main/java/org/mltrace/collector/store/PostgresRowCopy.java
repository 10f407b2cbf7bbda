package org.mltrace.collector.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk rows for PostgreSQL through {@code COPY ... FROM STDIN} (the driver's {@link CopyManager}):
 * one round trip and one parse per table and batch instead of a bound statement per row. Runs in
 * the ingest transaction's connection, so the rows commit with the queue position or not at all.
 * Rows are written in COPY's text format: tab between fields, {@code \N} for NULL.
 */
final class PostgresRowCopy {
  private final String table;
  private final int columns;
  private final StringBuilder text = new StringBuilder(64 * 1024);
  private int field;
  private int rows;

  /**
   * @param table the table and its column list, as in {@code COPY table (a, b)}
   * @param columns how many columns the list names
   */
  PostgresRowCopy(String table, int columns) {
    this.table = table;
    this.columns = columns;
  }

  PostgresRowCopy text(String value) {
    separate();
    if (value == null) {
      text.append("\\N");
    } else {
      escape(value);
    }
    return this;
  }

  PostgresRowCopy number(long value) {
    separate();
    text.append(value);
    return this;
  }

  PostgresRowCopy time(Instant value) {
    return text(value == null ? null : value.toString());
  }

  /** A one-dimensional text array, NULL when {@code values} is null. */
  PostgresRowCopy array(String[] values) {
    if (values == null) {
      return text(null);
    }
    StringBuilder a = new StringBuilder(values.length * 12 + 2).append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        a.append(',');
      }
      String v = values[i];
      if (v == null) {
        a.append("NULL");
      } else {
        a.append('"');
        for (int j = 0; j < v.length(); j++) {
          char c = v.charAt(j);
          if (c == '"' || c == '\\') {
            a.append('\\');
          }
          a.append(c);
        }
        a.append('"');
      }
    }
    return text(a.append('}').toString());
  }

  /** Ends the current row; every column must have been given. */
  void endRow() {
    if (field != columns) {
      throw new IllegalStateException(table + ": " + field + " fields for " + columns + " columns");
    }
    text.append('\n');
    field = 0;
    rows++;
  }

  /** Copies the rows into the table; returns how many. Does nothing without rows. */
  long copy(Connection connection) throws SQLException {
    if (rows == 0) {
      return 0;
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      return copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("copying rows into " + table + ": " + e.getMessage(), e);
    }
  }

  private void separate() {
    if (field++ > 0) {
      text.append('\t');
    }
  }

  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\0' -> text.append('\uFFFD'); // PostgreSQL text cannot hold NUL (Jdbc.storable)
        default -> text.append(c);
      }
    }
  }
}
