package org.mltrace.collector.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mltrace.agent.event.ValueSummary;

/**
 * Reads runs' values from their arrays (V025; decoded from text on PostgreSQL, V050) by run id: one
 * primary-key read per chunk of runs and one look-up of the pointers' types, decoded here. The
 * views {@code run_inputs} and {@code run_outputs} give the same rows, but the collector's reads
 * joined them with {@code run_value_summaries} and {@code io_pointers}, which H2 answered by
 * expanding runs (review of 200 outputs went from 1.3 to 7.5 s on a 50,000-run history before the
 * reads came here).
 */
final class RunValueReader {
  private RunValueReader() {}

  /**
   * The inputs and the outputs of the runs with their summaries, each by run id in id order: one
   * read of the runs' arrays and one of their pointers' types for both (reading them per direction
   * read every run row twice, which H2 decodes whole, arrays included).
   */
  static RunRepository.RunValues values(Database database, Collection<String> runIds) {
    Map<String, Object[][]> arrays = arrays(database, runIds);
    Set<String> pointers = new LinkedHashSet<>();
    for (Object[][] a : arrays.values()) {
      for (int d = 0; d < 2; d++) {
        Object[] values = a[d];
        for (int v = 0; values != null && v + 8 <= values.length; v += 8) {
          if ("POINTER".equals(values[v + 1]) && values[v + 2] != null) {
            pointers.add((String) values[v + 2]);
          }
        }
      }
    }
    Map<String, String> types = pointerTypes(database, pointers);
    return new RunRepository.RunValues(rows(arrays, types, true), rows(arrays, types, false));
  }

  private static Map<String, List<ValueRow>> rows(
      Map<String, Object[][]> arrays, Map<String, String> types, boolean inputs) {
    String direction = inputs ? "input" : "output";
    Map<String, List<ValueRow>> byRun = new TreeMap<>();
    for (Map.Entry<String, Object[][]> e : arrays.entrySet()) {
      Object[] values = e.getValue()[inputs ? 0 : 1];
      if (values == null || values.length < 8) {
        continue;
      }
      Map<Integer, ValueSummary> summaries = summaries(e.getValue()[2], direction);
      List<ValueRow> rows = new ArrayList<>();
      for (int v = 0; v + 8 <= values.length; v += 8) {
        int position = v / 8;
        String kind = (String) values[v + 1];
        String text = (String) values[v + 2];
        String pointer = "POINTER".equals(kind) ? text : null;
        rows.add(
            new ValueRow(
                position,
                (String) values[v],
                kind,
                text,
                pointer,
                pointer == null ? null : types.get(pointer),
                (String) values[v + 3],
                values[v + 4] == null ? null : Long.valueOf((String) values[v + 4]),
                (String) values[v + 5],
                time((String) values[v + 6]),
                (String) values[v + 7],
                summaries.get(position)));
      }
      byRun.put(e.getKey(), rows);
    }
    return byRun;
  }

  /** A pointer value of a run: its position among the run's inputs or outputs, and its name. */
  record PointerValue(String runId, int position, String pointer, String name) {}

  /**
   * The pointer inputs (or outputs) of the runs, each run's in position order, read from the runs'
   * arrays: {@code run_read_keys} and {@code run_write_keys} are keyed by pointer only (V047,
   * V048).
   */
  static List<PointerValue> pointerValues(
      Database database, Collection<String> runIds, boolean inputs) {
    String column = valuesColumn(database, inputs);
    List<PointerValue> found = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      for (Map.Entry<String, Object[]> e :
          SqlRows.query(
              database,
              "reading the pointer "
                  + (inputs ? "inputs" : "outputs")
                  + " of "
                  + runIds.size()
                  + " runs",
              "SELECT id, "
                  + column
                  + " FROM component_runs"
                  + valuesJoin(database)
                  + " WHERE id = ANY(?)",
              rs -> Map.entry(rs.getString(1), orEmpty(dialect(database).readEntries(rs, 2))),
              chunk)) {
        found.addAll(pointersIn(e.getKey(), e.getValue()));
      }
    }
    return found;
  }

  /** A run's row, its key and its pointer outputs in position order. */
  record RunOutputs(long key, RunRow run, List<PointerValue> outputs) {}

  /**
   * The rows of the runs among {@code runKeys} with their pointer outputs, in no particular order:
   * one read of each run by key (per chunk), its row and its output array together ({@code impact}
   * read them in two passes by id, each a probe of the id index and of the row).
   */
  static List<RunOutputs> runsWithPointerOutputs(Database database, Collection<Long> runKeys) {
    return SqlRows.queryChunks(
        database,
        "reading " + runKeys.size() + " runs with their outputs",
        "SELECT run_key, "
            + valuesColumn(database, false)
            + ", "
            + JdbcRunRepository.RUN_COLUMNS
            + " FROM component_runs"
            + valuesJoin(database)
            + " WHERE run_key = ANY(?)",
        rs -> {
          RunRow run = JdbcRunRepository.runRow(rs);
          return new RunOutputs(
              rs.getLong(1), run, pointersIn(run.id(), dialect(database).readEntries(rs, 2)));
        },
        runKeys);
  }

  /**
   * The expression that gives a run's input or output array (on PostgreSQL the run's entries put
   * into its template, V052): the one place the reads of pointer values name it.
   */
  private static String valuesColumn(Database database, boolean inputs) {
    return dialect(database).entriesRead(inputs ? "input_values" : "output_values");
  }

  /** What a query naming {@link #valuesColumn} adds after {@code component_runs}. */
  private static String valuesJoin(Database database) {
    return SqlDialect.of(database.isPostgres()).valuesJoin("component_runs");
  }

  /** The pointer values of one run's input or output array (null: none), in position order. */
  static List<PointerValue> pointersIn(String runId, Object[] values) {
    List<PointerValue> found = new ArrayList<>();
    int n = RunValueArrays.VALUE_FIELDS;
    for (int v = 0; values != null && v + n <= values.length; v += n) {
      if ("POINTER".equals(values[v + 1]) && values[v + 2] != null) {
        found.add(new PointerValue(runId, v / n, (String) values[v + 2], (String) values[v]));
      }
    }
    return found;
  }

  /** Each run's {input_values, output_values, value_summaries} as arrays (null when NULL). */
  static Map<String, Object[][]> arrays(Database database, Collection<String> runIds) {
    Map<String, Object[][]> out = new HashMap<>();
    SqlDialect dialect = SqlDialect.of(database.isPostgres());
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      for (Map.Entry<String, Object[][]> e :
          SqlRows.query(
              database,
              "reading the values of " + runIds.size() + " runs",
              "SELECT id, "
                  + dialect.allEntriesRead()
                  + " FROM component_runs"
                  + dialect.valuesJoin("component_runs")
                  + " WHERE id = ANY(?)",
              rs -> Map.entry(rs.getString(1), dialect.readAllEntries(rs, 2)),
              chunk)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** pointer_type of each pointer that has one. */
  static Map<String, String> pointerTypes(Database database, Collection<String> pointers) {
    Map<String, String> types = new HashMap<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(pointers))) {
      for (Map.Entry<String, String> e :
          SqlRows.query(
              database,
              "reading the types of " + pointers.size() + " pointers",
              "SELECT identifier, pointer_type FROM io_pointers WHERE "
                  + SqlDialect.of(database.isPostgres()).identifierIn("identifier")
                  + " AND pointer_type IS NOT NULL",
              rs -> Map.entry(rs.getString(1), rs.getString(2)),
              chunk)) {
        types.put(e.getKey(), e.getValue());
      }
    }
    return types;
  }

  /** Map.entry refuses null values: an SQL NULL array is an empty one here. */
  private static Object[] orEmpty(Object[] entries) {
    return entries == null ? new Object[0] : entries;
  }

  private static SqlDialect dialect(Database database) {
    return SqlDialect.of(database.isPostgres());
  }

  private static Map<Integer, ValueSummary> summaries(Object[] s, String direction) {
    Map<Integer, ValueSummary> out = new HashMap<>();
    int n = RunValueArrays.SUMMARY_FIELDS;
    for (int i = 0; s != null && i + n <= s.length; i += n) {
      if (!direction.equals(s[i])) {
        continue;
      }
      out.put(
          Integer.valueOf((String) s[i + 1]),
          new ValueSummary(
              (String) s[i + 2],
              (String) s[i + 3],
              longOf(s[i + 4]),
              longOf(s[i + 5]),
              longOf(s[i + 6]),
              longOf(s[i + 7]),
              doubleOf(s[i + 8]),
              doubleOf(s[i + 9]),
              doubleOf(s[i + 10]),
              doubleOf(s[i + 11]),
              longOf(s[i + 12])));
    }
    return out;
  }

  private static long longOf(Object o) {
    return o == null ? 0 : Long.parseLong((String) o);
  }

  private static double doubleOf(Object o) {
    return o == null ? Double.NaN : Double.parseDouble((String) o);
  }

  /**
   * An instant written as {@link Instant#toString} by the collector, or as the database's own text
   * of a timestamp by V025's upgrade ({@code 2026-01-01 10:00:00+00}).
   */
  static Instant time(String text) {
    if (text == null) {
      return null;
    }
    String iso = text.replace(' ', 'T');
    if (iso.matches(".*[+-]\\d\\d$")) {
      iso += ":00";
    }
    return OffsetDateTime.parse(iso).toInstant();
  }
}
