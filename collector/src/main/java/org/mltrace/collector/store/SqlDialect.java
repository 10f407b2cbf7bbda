package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The few statements that differ between H2 and PostgreSQL: inserting a row unless its key exists,
 * atomically, so that two collectors writing into one database never fail on a row both create (a
 * component, a pointer, an agent's stats), the lock that serializes their ingest transactions on
 * PostgreSQL, a run's value columns, arrays on H2 and text on PostgreSQL (V050), and the look-up of
 * many pointers by identifier (V051).
 */
enum SqlDialect {
  H2,
  POSTGRES;

  /** The PostgreSQL advisory lock key taken by every ingest transaction ("mltrace" in ASCII). */
  static final long INGEST_LOCK_KEY = 0x6d6c7472616365L;

  static SqlDialect of(boolean postgres) {
    return postgres ? POSTGRES : H2;
  }

  /**
   * SQL that gives the value column {@code column} of {@code component_runs} ({@code input_values},
   * {@code output_values}, {@code value_summaries}) as its array of entries, for {@code
   * ResultSet.getArray} and for array SQL: the column on H2, its text decoded on PostgreSQL, where
   * the call costs a decode per use, so a query that reads the array more than once decodes it once
   * in a subquery or LATERAL call.
   */
  String entries(String column) {
    return this == POSTGRES ? "mltrace_entries(" + column + ")" : column;
  }

  /** {@link #entries} of input_values, output_values and value_summaries, for a SELECT list. */
  String allEntries() {
    return entries("input_values")
        + ", "
        + entries("output_values")
        + ", "
        + entries("value_summaries");
  }

  /**
   * {@code from}, a FROM clause (with its WHERE) whose rows have the columns {@code id}, {@code
   * start_time} and the value {@code columns} of {@code component_runs}, with those columns as
   * arrays under their own names: {@code from} itself on H2; on PostgreSQL its runs in a subquery
   * and each column decoded once per run by a LATERAL call ({@link #entries} in an expression that
   * names it ten times decodes it ten times). The query may name only {@code id}, {@code
   * start_time} and {@code columns}; {@code from}'s parameters keep their place.
   */
  String withEntries(String from, String... columns) {
    if (this == H2) {
      return from;
    }
    StringBuilder b = new StringBuilder(" FROM (SELECT id, start_time");
    for (String c : columns) {
      b.append(", ").append(c).append(" AS ").append(c).append("_text");
    }
    b.append(from).append(") runs_text");
    for (String c : columns) {
      b.append(" CROSS JOIN LATERAL mltrace_entries(runs_text.")
          .append(c)
          .append("_text) AS ")
          .append(c)
          .append("_entries(")
          .append(c)
          .append(")");
    }
    return b.toString();
  }

  /** Binds a value column's entries (null: SQL NULL) as {@link #entries} reads them. */
  void setEntries(PreparedStatement ps, int index, Object[] entries) throws SQLException {
    if (this == POSTGRES) {
      String text = ValueEntriesText.encode(entries);
      if (text == null) {
        ps.setNull(index, Types.VARCHAR);
      } else {
        ps.setString(index, Jdbc.storable(text));
      }
    } else if (entries == null) {
      ps.setNull(index, Types.ARRAY);
    } else {
      ps.setArray(index, ps.getConnection().createArrayOf("VARCHAR", entries));
    }
  }

  /**
   * A condition: {@code column} (a pointer identifier) is one of the identifiers bound as one
   * VARCHAR array parameter. H2 reads {@code column = ANY(?)} from its primary key. On PostgreSQL
   * identifiers are unique through a hash index (V051), which answers {@code = ANY} only as a
   * bitmap of one probe per element read in page order: there the distinct identifiers of {@code
   * unnest(?)} are probed one by one (a semi-join, so an identifier named twice still gives its row
   * once, as with {@code = ANY}).
   */
  String identifierIn(String column) {
    return this == POSTGRES
        ? column + " IN (SELECT unnest(CAST(? AS VARCHAR[])))"
        : column + " = ANY(?)";
  }

  /**
   * {@code table} in a FROM clause, read through {@code index}. H2 plans by the first index whose
   * leading column matches and sorts afterwards; told the index, it reads an {@code ORDER BY ...
   * LIMIT} straight from it. PostgreSQL finds that index itself.
   */
  String readThrough(String table, String index) {
    return this == H2 ? table + " USE INDEX (" + index + ")" : table;
  }

  /** {@link #readThrough(String, String)} with an alias, which H2 wants before the hint. */
  String readThrough(String table, String alias, String index) {
    return readThrough(table + " " + alias, index);
  }

  /**
   * {@code INSERT INTO table (columns) VALUES (?, ...)} that inserts nothing, without error, when a
   * row with the same {@code key} exists or is being inserted concurrently; its update count says
   * which. Each column is given as {@code "name TYPE"}; parameters are bound in that order.
   */
  String insertIfAbsent(String table, String key, String... columns) {
    String names =
        Arrays.stream(columns)
            .map(c -> c.substring(0, c.indexOf(' ')))
            .collect(Collectors.joining(", "));
    if (this == POSTGRES) {
      String params = Arrays.stream(columns).map(c -> "?").collect(Collectors.joining(", "));
      return "INSERT INTO "
          + table
          + " ("
          + names
          + ") VALUES ("
          + params
          + ")"
          + " ON CONFLICT ("
          + key
          + ") DO NOTHING";
    }
    String casts =
        Arrays.stream(columns)
            .map(c -> "CAST(? AS " + c.substring(c.indexOf(' ') + 1) + ")")
            .collect(Collectors.joining(", "));
    String sourceNames =
        Arrays.stream(columns)
            .map(c -> "s." + c.substring(0, c.indexOf(' ')))
            .collect(Collectors.joining(", "));
    return "MERGE INTO "
        + table
        + " t USING (VALUES ("
        + casts
        + ")) s ("
        + names
        + ")"
        + " ON t."
        + key
        + " = s."
        + key
        + " WHEN NOT MATCHED THEN INSERT ("
        + names
        + ") VALUES ("
        + sourceNames
        + ")";
  }
}
