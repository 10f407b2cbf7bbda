package org.mltrace.collector.store;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few statements that differ between H2 and PostgreSQL: inserting a row unless its key exists,
 * atomically, so that two collectors writing into one database never fail on a row both create (a
 * component, a pointer, an agent's stats), the lock that serializes their ingest transactions on
 * PostgreSQL, a run's values, arrays on H2 and templates with their runs' entries on PostgreSQL
 * (V052), and the look-up of many pointers by identifier (V051).
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
   * SQL that gives the value array {@code column} of {@code component_runs} ({@code input_values},
   * {@code output_values}, {@code value_summaries}, optionally qualified by the runs' alias), for
   * {@code ResultSet.getArray} and for array SQL: the column on H2; on PostgreSQL the run's own
   * entries put into its template (V052), which the query joins with {@link #valuesJoin}. The call
   * costs a decode per use, so a query that reads the array more than once decodes it once in a
   * subquery or LATERAL call.
   */
  String entries(String column) {
    if (this == H2) {
      return column;
    }
    int dot = column.lastIndexOf('.');
    String runs = dot < 0 ? "" : column.substring(0, dot + 1);
    return "mltrace_run_entries(vt."
        + templateColumn(column.substring(dot + 1))
        + ", "
        + runs
        + "value_entries)";
  }

  /**
   * What a query that names {@link #entries} adds after {@code component_runs} (or its alias {@code
   * runs}) in FROM: nothing on H2, the join of the runs' value templates on PostgreSQL.
   */
  String valuesJoin(String runs) {
    return this == H2
        ? ""
        : " LEFT JOIN value_templates vt ON vt.template_key = " + runs + ".value_template";
  }

  private static String templateColumn(String valueColumn) {
    return switch (valueColumn) {
      case "input_values" -> "input_entries";
      case "output_values" -> "output_entries";
      case "value_summaries" -> "summary_entries";
      default -> throw new IllegalArgumentException("not a value column: " + valueColumn);
    };
  }

  /**
   * The columns a reader selects to read the array {@code column} (as for {@link #entries}) in Java
   * with {@link #readEntries}: the column on H2; on PostgreSQL the template's part and the run's
   * entries (with {@link #valuesJoin}), put together in Java, about three times cheaper than in SQL
   * (a thousand runs' three arrays: 8 ms against 25).
   */
  String entriesRead(String column) {
    if (this == H2) {
      return column;
    }
    int dot = column.lastIndexOf('.');
    return "vt."
        + templateColumn(column.substring(dot + 1))
        + ", "
        + column.substring(0, dot + 1)
        + "value_entries";
  }

  /** The array that {@link #entriesRead} selected from column {@code index} on (null: none). */
  Object[] readEntries(ResultSet rs, int index) throws SQLException {
    if (this == H2) {
      Array a = rs.getArray(index);
      return a == null ? null : (Object[]) a.getArray();
    }
    return ValueTemplate.entries(rs.getString(index), rs.getString(index + 1));
  }

  /** {@link #entriesRead} of input_values, output_values and value_summaries, in that order. */
  String allEntriesRead() {
    return this == H2
        ? "input_values, output_values, value_summaries"
        : "vt.input_entries, vt.output_entries, vt.summary_entries, value_entries";
  }

  /** The three arrays {@link #allEntriesRead} selected from column {@code index} on. */
  Object[][] readAllEntries(ResultSet rs, int index) throws SQLException {
    if (this == H2) {
      return new Object[][] {
        readEntries(rs, index), readEntries(rs, index + 1), readEntries(rs, index + 2)
      };
    }
    String entries = rs.getString(index + 3);
    return new Object[][] {
      ValueTemplate.entries(rs.getString(index), entries),
      ValueTemplate.entries(rs.getString(index + 1), entries),
      ValueTemplate.entries(rs.getString(index + 2), entries)
    };
  }

  /**
   * {@code from}, a FROM clause over {@code component_runs} (with its WHERE) without an alias, as a
   * FROM clause whose rows have the columns {@code id}, {@code start_time} and the value {@code
   * columns} of {@code component_runs} as arrays under their own names: {@code from} itself on H2;
   * on PostgreSQL its runs in a subquery, joined with their templates, and each column decoded once
   * per run by a LATERAL call ({@link #entries} in an expression that names it ten times decodes it
   * ten times). The query may name only {@code id}, {@code start_time} and {@code columns}; {@code
   * from}'s parameters keep their place.
   */
  String withEntries(String from, String... columns) {
    if (this == H2) {
      return from;
    }
    StringBuilder b =
        new StringBuilder(" FROM (SELECT id, start_time, value_template, value_entries")
            .append(from)
            .append(") runs_text")
            .append(valuesJoin("runs_text"));
    for (String c : columns) {
      b.append(" CROSS JOIN LATERAL mltrace_run_entries(vt.")
          .append(templateColumn(c))
          .append(", runs_text.value_entries) AS ")
          .append(c)
          .append("_entries(")
          .append(c)
          .append(")");
    }
    return b.toString();
  }

  /**
   * The table that holds the runs, for statements that write them: {@code component_runs} on H2; on
   * PostgreSQL {@code run_rows}, under the view {@code component_runs} that joins the runs' origins
   * (V053).
   */
  String runTable() {
    return this == POSTGRES ? "run_rows" : "component_runs";
  }

  /**
   * The table that holds the pointers, for statements that write them: {@code io_pointers} on H2;
   * on PostgreSQL {@code pointer_rows}, under the view {@code io_pointers} that joins the pointers'
   * kinds (V055). Its flag columns have the view's names.
   */
  String pointerTable() {
    return this == POSTGRES ? "pointer_rows" : "io_pointers";
  }

  /** The assignments of an UPDATE of {@code component_runs} that {@link #bindValues} binds. */
  String valuesAssignments() {
    return this == POSTGRES
        ? "value_template = ?, value_entries = ?"
        : "input_values = ?, output_values = ?, value_summaries = ?";
  }

  /**
   * Binds a run's arrays (each null when empty) from parameter {@code index} on, as {@link
   * #valuesAssignments} names them: the arrays on H2; on PostgreSQL the key of their template,
   * which {@code templateKeys} holds (of {@link ValueTemplate#split}), and the run's own entries.
   * Returns the next parameter's index.
   */
  int bindValues(
      PreparedStatement ps,
      int index,
      Object[] inputs,
      Object[] outputs,
      Object[] summaries,
      Map<ValueTemplate, Integer> templateKeys)
      throws SQLException {
    if (this == H2) {
      setArray(ps, index++, inputs);
      setArray(ps, index++, outputs);
      setArray(ps, index++, summaries);
      return index;
    }
    ValueTemplate.Split split = ValueTemplate.split(inputs, outputs, summaries);
    if (split.template() == null) {
      ps.setNull(index++, Types.INTEGER);
    } else {
      ps.setInt(index++, templateKeys.get(split.template()));
    }
    Jdbc.setText(ps, index++, split.entries());
    return index;
  }

  /** H2: binds an array column's entries (null: SQL NULL). */
  static void setArray(PreparedStatement ps, int index, Object[] entries) throws SQLException {
    if (entries == null) {
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
