import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The floor of bytes per run, and the bare load rate, of denser storage shapes for the rows a
 * `mltrace bench` stored (issue 15). Reads its runs (on PostgreSQL since V052 the value arrays as
 * {@code mltrace_run_entries(template's entries, value_entries)} with the run's {@code
 * value_templates} row joined by key, and the stored {@code value_template} and {@code
 * value_entries} themselves; before V052 the V050 value text decoded by {@code mltrace_entries}),
 * pointers, and the link rows of {@code run_read_keys},
 * {@code run_write_keys} and {@code run_dependency_keys} (V048) into memory, keeping the runs' and
 * pointers' keys, then per shape loads them into fresh {@code dense_*} tables, 2,000 runs' rows a
 * transaction (PostgreSQL: binary COPY per table into a scratch database {@code
 * dense_shape_scratch} on the same server, created and dropped by the program, so the source is
 * only read; H2: JDBC batches, a fresh file per shape), and prints bytes per run and runs/s of the
 * load alone (rows are built beforehand, time printed apart). PostgreSQL sizes are
 * pg_total_relation_size per table and index; H2's, the file's growth from the empty tables to
 * after close, as `mltrace bench` measures it, and after SHUTDOWN COMPACT.
 *
 * <p>Shape (a) is today's: on PostgreSQL the tables as of V052 (runs with a {@code run_key}, its
 * unique index, the V049 indexes {@code (component, start_time)} and {@code (component, end_time)}
 * ascending without the id, and the values as V052 stores them, measured as stored: the run's
 * {@code value_template} key and {@code value_entries} text, and the source's {@code
 * value_templates} rows in {@code dense_value_templates (template_key, input_entries,
 * output_entries, summary_entries)} with V052's hash index on their signature; pointers with a
 * {@code pointer_key}, identifiers unique through a hash exclusion constraint and no primary key,
 * the partial index of flagged pointers; the V048 key tables with their indexes; a source not yet
 * migrated by V052 gives V051's shape instead, the three values as V050 text; a source migrated by
 * V053 still gives V052's, the run's origin in its own columns: V053's interned origins are not
 * modelled here, `mltrace bench` measures them); on H2 the same
 * tables with H2's arrays, DESC indexes with the id and the identifier as primary key. The other
 * shapes start from V047's instead (text ids in the link tables, the value arrays), each adding to
 * the one before (their values built from the arrays read, whatever the source's form): (b) no
 * (run_id, position) keys on reads and writes, one (component, time)
 * index; (c) the method interned; (d) the three value arrays in one column: text, jsonb,
 * {@link #packed} bytes, or those deflated with the first run's as preset dictionary; (e) bigint
 * keys for runs and pointers; (f) component, origin (agent, host, pid, thread, code version,
 * commit) and a pointer's type and class interned, columns in alignment order, a pointer value
 * held by its key; (g, PostgreSQL) run ids and pointer identifiers found through an index on a
 * 64-bit hash of the text, not a unique index on it (the writer keeps them unique). (h) value
 * templates, on (g) (H2: on (f)), V052's idea with one template per direction: values SQL can
 * still read as text. Per run and direction
 * (inputs, outputs, summaries) the entries that are the same for a component's runs (a value's
 * name, kind, class and type, entries 1, 2, 4, 6 of each 8; a summary's direction, position,
 * elements and sampling, 1-4 of 13) are one row of {@code dense_value_templates (template_key,
 * entries)} and the run holds its key ({@code input_template}, {@code output_template},
 * {@code summary_template}); the other entries (3, 5, 7, 8; 5-13) are the run's
 * {@code input_values}, {@code output_values}, {@code value_summaries}; all of them text in V050's
 * form ({@code mltrace_entries} reads them). Its variant "pointer keys" writes a POINTER value's
 * text (the identifier) as its pointer's key in decimal. Other dictionaries are (id, v) tables.
 * PostgreSQL compresses values only in rows over about 2 kB (TOAST_TUPLE_THRESHOLD, which
 * toast_tuple_target does not lower), so lz4 column compression leaves these rows as they are. Two
 * rounds by default, the second in reverse order. Not part of the build; a single-file program:
 *
 * <pre>
 * java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar \
 *   benchmarks/storage-shape/DenseShape.java \
 *   "jdbc:postgresql://127.0.0.1:5432/DB?user=postgres" [ROUNDS]
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar:(the PostgreSQL jar) \
 *   benchmarks/storage-shape/DenseShape.java jdbc:h2:file:/tmp/bench/mltrace [ROUNDS]
 * </pre>
 */
public class DenseShape {
  private static final int BATCH = 2000;
  private static final Pattern LONG = Pattern.compile("-?[1-9][0-9]{0,17}|0");
  private static final String H2_OPTIONS = System.getProperty("h2.options", ""); // ;SETTING=...
  private static final String TS = "TIMESTAMP WITH TIME ZONE";
  // component_runs columns, by position in the rows read
  private static final int ID = 0, COMPONENT = 1, METHOD = 2, AGENT = 3, HOST = 4, PID = 5;
  private static final int THREAD = 6, START = 7, END = 8, DURATION = 9, CODE = 10, GIT = 11;
  private static final int STATUS = 12, ERROR_CLASS = 13, ERROR = 14, INGESTED = 15, VALUES = 17;
  private static final int RUN_KEY = 20;
  // PostgreSQL since V052, after those: the stored value_template and value_entries
  private static final int VALUE_TEMPLATE = 21, VALUE_ENTRIES = 22;
  private static final String SCRATCH = "dense_shape_scratch"; // PostgreSQL: the database loaded

  /** A shape: its letter as a level (a = 0 ... g = 6) and the form of the run's values. */
  private record Shape(String name, int level, String values) {}

  private static final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private static boolean postgres;
  private static boolean templated; // a PostgreSQL source migrated by V052: shape (a) is V052's
  private static List<Object[]> templates = List.of(); // its value_templates rows, as stored
  private static int unkeyed; // POINTER values whose identifier has no pointer row
  private static byte[] firstPacked;
  private static List<Object[]> runs, pointers, reads, writes, deps;
  private static final Map<String, Map<String, Integer>> dictionaries = new LinkedHashMap<>();
  private static final Map<String, Long> runKeys = new HashMap<>(), pointerKeys = new HashMap<>();
  private static final Map<String, Object[]> pointerRows = new HashMap<>();

  public static void main(String[] args) throws Exception {
    String url = args[0];
    postgres = url.startsWith("jdbc:postgresql:");
    try (Connection c = DriverManager.getConnection(url)) {
      // PostgreSQL since V052: a run's values are its template's entries filled with its own,
      // mltrace_run_entries gives the arrays back (no template: no values, NULL arrays); V050 and
      // V051: the value columns are text, mltrace_entries gives the arrays back
      templated = postgres && hasColumn(c, "component_runs", "value_template");
      String values = templated
          ? "mltrace_run_entries(t.input_entries, r.value_entries),"
              + " mltrace_run_entries(t.output_entries, r.value_entries),"
              + " mltrace_run_entries(t.summary_entries, r.value_entries)"
          : postgres ? "mltrace_entries(r.input_values), mltrace_entries(r.output_values),"
          + " mltrace_entries(r.value_summaries)"
          : "r.input_values, r.output_values, r.value_summaries";
      runs = read(c, "component_runs r" + (templated
          ? " LEFT JOIN value_templates t ON t.template_key = r.value_template" : ""),
          "r.id, r.component, r.method, r.agent_id, r.host, r.pid, r.thread, r.start_time,"
          + " r.end_time, r.duration_nanos, r.code_version, r.git_commit, r.status,"
          + " r.error_class, r.error_message, r.ingested_at, r.unrecorded_before, " + values
          + ", r.run_key" + (templated ? ", r.value_template, r.value_entries" : ""),
          // V053 made component_runs a view over run_rows, which has no ctid: by run key there
          postgres ? (hasColumn(c, "run_rows", "origin_key") ? "r.run_key" : "r.ctid") : "r._ROWID_");
      if (templated) {
        templates = read(c, "value_templates", "template_key, input_entries, output_entries,"
            + " summary_entries");
      }
      pointers = read(c, "io_pointers", "identifier, pointer_type, class_name, flag, first_seen,"
          + " flag_note, flagged_at, pointer_key");
      // since V048 the link rows are in the key tables (run_reads ... are views over them)
      Map<Long, String> runIds = new HashMap<>(), identifiers = new HashMap<>();
      for (Object[] r : runs) {
        runKeys.put((String) r[ID], (Long) r[RUN_KEY]);
        runIds.put((Long) r[RUN_KEY], (String) r[ID]);
      }
      for (Object[] p : pointers) {
        pointerKeys.put((String) p[0], (Long) p[7]);
        identifiers.put((Long) p[7], (String) p[0]);
        pointerRows.put((String) p[0], p);
      }
      // as text ids, the rows the views show (a row whose run or pointer is missing is left out)
      reads = named(read(c, "run_read_keys", "run_key, position, pointer_key, name, fingerprint"),
          runIds, identifiers, 0, 2);
      writes = named(read(c, "run_write_keys",
          "run_key, position, pointer_key, fingerprint, end_time"), runIds, identifiers, 0, 2);
      deps = named(read(c, "run_dependency_keys", "run_key, depends_on_run_key, pointer_key"),
          runIds, identifiers, 0, 1, 2);
    }
    List<Shape> shapes = new ArrayList<>(List.of(
        new Shape("a today", 0, templated ? "stored" : postgres ? "entries" : "arrays"),
        new Shape("b no keys", 1, "arrays"), new Shape("c method", 2, "arrays")));
    for (String form : List.of("text", postgres ? "jsonb" : "json", "bytea", "deflate")) {
      shapes.add(new Shape("d " + form, 3, form));
    }
    for (String form : List.of("bytea", "deflate")) {
      shapes.add(new Shape("e bigint keys, " + form, 4, form));
      shapes.add(new Shape("f floor, " + form, 5, form));
      if (postgres) {
        shapes.add(new Shape("g hashed ids, " + form, 6, form));
      }
    }
    int top = postgres ? 6 : 5; // the template shapes on (g), on H2 on (f)
    shapes.add(new Shape("h templates", top, "templates"));
    shapes.add(new Shape("h templates, pointer keys", top, "templates, pointer keys"));
    System.out.printf("%d runs, %d pointers, %d reads, %d writes, %d dependencies%s%n",
        runs.size(), pointers.size(), reads.size(), writes.size(), deps.size(),
        templated ? ", " + templates.size() + " value templates (V052)" : "");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String target = url;
    if (postgres) { // a scratch database beside the source, which is only read
      target = url.replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + SCRATCH);
      try (Connection c = DriverManager.getConnection(url)) {
        exec(c, "DROP DATABASE IF EXISTS " + SCRATCH);
        exec(c, "CREATE DATABASE " + SCRATCH);
      }
    }
    try {
      for (int round = 1; round <= rounds; round++) {
        System.out.println("round " + round + (round % 2 == 0 ? ", in reverse order" : ""));
        for (int i = 0; i < shapes.size(); i++) {
          measure(target, shapes.get(round % 2 == 0 ? shapes.size() - 1 - i : i), round == 1);
        }
      }
    } finally {
      if (postgres) {
        try (Connection c = DriverManager.getConnection(url)) {
          exec(c, "DROP DATABASE IF EXISTS " + SCRATCH);
        }
      }
    }
  }

  /**
   * Link rows read by key with the columns at {@code keys} (run keys, then the pointer key last)
   * replaced by the text ids; rows naming a run or pointer that is not there are left out.
   */
  private static List<Object[]> named(List<Object[]> rows, Map<Long, String> runIds,
      Map<Long, String> identifiers, int... keys) {
    List<Object[]> named = new ArrayList<>(rows.size());
    int missing = 0;
    for (Object[] row : rows) {
      boolean found = true;
      for (int i = 0; i < keys.length; i++) {
        Object id = (i == keys.length - 1 ? identifiers : runIds).get(row[keys[i]]);
        found &= id != null;
        row[keys[i]] = id;
      }
      if (found) {
        named.add(row);
      } else {
        missing++;
      }
    }
    if (missing > 0) {
      System.out.printf("%d link rows name no run or pointer, left out%n", missing);
    }
    return named;
  }

  /** Loads the rows in {@code shape}, prints its sizes and rate, and drops it. */
  private static void measure(String url, Shape s, boolean detail) throws Exception {
    dictionaries.clear();
    unkeyed = 0;
    long t0 = System.nanoTime();
    // only the deflated forms need it (packing interns words: no dictionary for other shapes)
    firstPacked = s.values().equals("deflate") ? packed(runs.get(0), s.level()) : null;
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    int l = s.level();
    boolean keys = l >= 4;
    rows.put("dense_runs", runs.stream().map(r -> run(s, r)).toList());
    rows.put("dense_pointers", pointers.stream().map(p -> pointer(l, p)).toList());
    rows.put("dense_reads", reads.stream().map(r -> l == 0
        ? new Object[] {pointerKeys.get(r[2]), runKeys.get(r[0]), r[1], r[3], r[4]} : !keys ? r
        : new Object[] {runKeys.get(r[0]), pointerKeys.get(r[2]), r[1], r[3], r[4]}).toList());
    rows.put("dense_writes", writes.stream().map(w -> l == 0
        ? new Object[] {pointerKeys.get(w[2]), w[4], runKeys.get(w[0]), w[1], w[3]} : !keys ? w
        : new Object[] {runKeys.get(w[0]), pointerKeys.get(w[2]), w[4], w[1], w[3]}).toList());
    rows.put("dense_deps", deps.stream().map(d -> l == 0
        ? new Object[] {runKeys.get(d[0]), pointerKeys.get(d[2]), runKeys.get(d[1])} : !keys ? d
        : new Object[] {runKeys.get(d[0]), runKeys.get(d[1]), pointerKeys.get(d[2])}).toList());
    if (s.values().equals("stored")) { // V052: the value templates as stored
      rows.put("dense_value_templates", templates);
    }
    dictionaries.forEach((d, ids) -> rows.put(dictionary(d), ids.entrySet().stream()
        .map(e -> new Object[] {e.getValue(), e.getKey()}).toList()));
    double encode = (System.nanoTime() - t0) / 1e3 / runs.size();
    Path dir = postgres ? null : Files.createTempDirectory("dense");
    String target = postgres ? url : "jdbc:h2:file:" + dir.resolve("db") + H2_OPTIONS;
    try (Connection c = DriverManager.getConnection(target)) {
      for (String ddl : ddl(s)) {
        exec(c, ddl);
      }
      for (String d : dictionaries.keySet()) {
        exec(c, "CREATE TABLE " + dictionary(d) + (d.equals("value_templates")
            ? " (template_key INTEGER PRIMARY KEY, entries VARCHAR)"
            : " (id INTEGER PRIMARY KEY, v VARCHAR)"));
      }
    }
    long empty = postgres ? 0 : Files.size(dir.resolve("db.mv.db"));
    double seconds;
    long total = 0;
    StringBuilder relations = new StringBuilder();
    try (Connection c = DriverManager.getConnection(target)) {
      seconds = postgres ? copy(c, rows) : insert(c, rows);
      c.setAutoCommit(true);
      if (postgres) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT c.relname, c.relkind, CASE c.relkind WHEN 'i' THEN pg_relation_size(c.oid)"
                + " ELSE pg_total_relation_size(c.oid) - pg_indexes_size(c.oid) END,"
                + " COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0)"
                + " FROM pg_class c WHERE c.relname LIKE 'dense\\_%' AND c.relkind IN ('r', 'i')"
                + " AND c.relnamespace = current_schema()::regnamespace ORDER BY 3 DESC")) {
          while (rs.next()) {
            total += rs.getLong(3);
            relations.append(String.format("    %-38s %6.1f%s%s%n", rs.getString(1),
                rs.getLong(3) / (double) runs.size(), rs.getLong(4) > 16384
                ? String.format(" (TOAST %.1f)", rs.getLong(4) / (double) runs.size()) : "",
                rs.getString(2).equals("r") ? tuples(c, rs.getString(1)) : ""));
          }
        }
        for (String t : rows.keySet()) {
          exec(c, "DROP TABLE " + t);
        }
      }
    }
    if (!postgres) { // the file as closed, as `mltrace bench` measures it, then compacted
      total = Files.size(dir.resolve("db.mv.db")) - empty;
      try (Connection c = DriverManager.getConnection(target)) {
        exec(c, "SHUTDOWN COMPACT");
      }
      relations.append(String.format("    compacted: %.0f bytes/run%n",
          (Files.size(dir.resolve("db.mv.db")) - empty) / (double) runs.size()));
      Files.delete(dir.resolve("db.mv.db"));
      Files.delete(dir);
    }
    System.out.printf("(%s): %.0f bytes/run, %.0f runs/s (load %s), rows built in %.1f us/run%n%s",
        s.name(), total / (double) runs.size(), runs.size() / seconds, load(), encode,
        detail ? relations : "");
    if (unkeyed > 0) {
      System.out.printf("    %d POINTER values kept their identifier: no pointer row%n", unkeyed);
    }
  }

  /** The table of a dictionary: (id, v), the value templates (template_key, entries). */
  private static String dictionary(String d) {
    return d.equals("value_templates") ? "dense_value_templates" : "dense_dict_" + d;
  }

  private static List<String> ddl(Shape s) {
    int l = s.level();
    if (l == 0) {
      return today();
    }
    String run = l < 4 ? "id" : "run_key", pointer = l < 4 ? "pointer_id" : "pointer_key";
    String values = switch (s.values()) {
      case "arrays" -> "input_values VARCHAR ARRAY, output_values VARCHAR ARRAY,"
          + " value_summaries VARCHAR ARRAY";
      case "jsonb", "json" -> "vals " + s.values().toUpperCase();
      case "bytea", "deflate" -> "vals " + (postgres ? "BYTEA" : "VARBINARY");
      case "templates", "templates, pointer keys" -> "input_values VARCHAR, output_values VARCHAR,"
          + " value_summaries VARCHAR";
      default -> "vals VARCHAR";
    };
    String templates = s.values().startsWith("templates")
        ? " input_template INTEGER, output_template INTEGER, summary_template INTEGER," : "";
    String unique = l == 6 ? "" : " UNIQUE";
    List<String> ddl = new ArrayList<>();
    ddl.add(l >= 5
        ? "CREATE TABLE dense_runs (run_key BIGINT PRIMARY KEY, start_time " + TS + " NOT NULL,"
            + " end_time " + TS + " NOT NULL, duration_nanos BIGINT, ingested_at " + TS
            + " NOT NULL, unrecorded_before BIGINT NOT NULL, component_id INTEGER NOT NULL,"
            + " origin_id INTEGER, method_id INTEGER," + templates + " id VARCHAR NOT NULL"
            + unique + ", status"
            + " VARCHAR NOT NULL, error_class VARCHAR, error_message VARCHAR, " + values + ")"
        : "CREATE TABLE dense_runs (" + (l == 4 ? "run_key BIGINT PRIMARY KEY, id VARCHAR NOT NULL"
            + " UNIQUE" : "id VARCHAR PRIMARY KEY") + ", component VARCHAR NOT NULL, "
            + (l < 2 ? "method VARCHAR" : "method_id INTEGER") + ", agent_id VARCHAR, host VARCHAR,"
            + " pid BIGINT, thread VARCHAR, start_time " + TS + " NOT NULL, end_time " + TS
            + " NOT NULL, duration_nanos BIGINT, code_version VARCHAR, git_commit VARCHAR, status"
            + " VARCHAR NOT NULL, error_class VARCHAR, error_message VARCHAR, ingested_at " + TS
            + " NOT NULL, unrecorded_before BIGINT NOT NULL, " + values + ")");
    ddl.add("CREATE INDEX dense_runs_by_component_end_newest ON dense_runs ("
        + (l >= 5 ? "component_id" : "component") + ", end_time DESC, " + run + " DESC)");
    ddl.add("CREATE INDEX dense_runs_by_end ON dense_runs (end_time)");
    ddl.add(l < 4
        ? "CREATE TABLE dense_pointers (identifier VARCHAR PRIMARY KEY, pointer_type VARCHAR,"
            + " class_name VARCHAR, flag BOOLEAN DEFAULT FALSE NOT NULL, first_seen " + TS
            + " NOT NULL, flag_note VARCHAR, flagged_at " + TS + ")"
        : "CREATE TABLE dense_pointers (pointer_key BIGINT PRIMARY KEY, first_seen " + TS
            + " NOT NULL, flagged_at " + TS + ", " + (l >= 5 ? "kind_id INTEGER"
            : "pointer_type VARCHAR, class_name VARCHAR") + ", flag BOOLEAN DEFAULT FALSE NOT NULL,"
            + " identifier VARCHAR NOT NULL" + unique + ", flag_note VARCHAR)");
    String key = l < 4 ? "run_id VARCHAR NOT NULL, position INTEGER NOT NULL, pointer_id VARCHAR"
        : "run_key BIGINT NOT NULL, pointer_key BIGINT";
    String position = l < 4 ? "" : ", position INTEGER NOT NULL";
    String primary = "";
    ddl.add("CREATE TABLE dense_reads (" + key + " NOT NULL" + position + ", name VARCHAR,"
        + " fingerprint VARCHAR" + primary + ")");
    ddl.add("CREATE INDEX dense_reads_by_pointer ON dense_reads (" + pointer + ", "
        + (l < 4 ? "run_id" : run) + ")");
    ddl.add("CREATE TABLE dense_writes (" + key + " NOT NULL" + (l < 4
        ? ", fingerprint VARCHAR, end_time " + TS + " NOT NULL"
        : ", end_time " + TS + " NOT NULL" + position + ", fingerprint VARCHAR") + primary + ")");
    ddl.add("CREATE INDEX dense_writes_by_pointer_end ON dense_writes (" + pointer
        + ", end_time DESC, " + (l < 4 ? "run_id" : run) + " DESC)");
    String id = l < 4 ? "_id VARCHAR NOT NULL" : "_key BIGINT NOT NULL";
    ddl.add("CREATE TABLE dense_deps (run" + id + ", depends_on_run" + id + ", pointer" + id
        + ", PRIMARY KEY (run" + (l < 4 ? "_id" : "_key") + ", " + pointer + "))");
    ddl.add("CREATE INDEX dense_deps_by_upstream ON dense_deps (depends_on_run"
        + (l < 4 ? "_id" : "_key") + ")");
    if (l == 6) { // lookups by a 64-bit hash of the text, rechecked by the text; writer-unique
      ddl.add("CREATE INDEX dense_runs_by_id_hash ON dense_runs (hashtextextended(id, 0))");
      ddl.add("CREATE INDEX dense_pointers_by_identifier_hash ON dense_pointers"
          + " (hashtextextended(identifier, 0))");
    }
    return ddl;
  }

  /**
   * Shape (a), the collector's tables today: PostgreSQL V048 key tables, V049 run indexes, V051
   * hash exclusion constraint on identifiers, V052 value templates (a source before V052: V050
   * value text); H2 with its arrays, DESC indexes and primary key on identifiers. Columns in the
   * order of the migrated tables (V052 added its two after run_key).
   */
  private static List<String> today() {
    String values = templated
        ? "run_key BIGINT NOT NULL, value_template INTEGER, value_entries TEXT"
        : (postgres ? "input_values TEXT, output_values TEXT, value_summaries TEXT"
        : "input_values VARCHAR ARRAY, output_values VARCHAR ARRAY, value_summaries VARCHAR ARRAY")
        + ", run_key BIGINT NOT NULL";
    String newest = postgres ? "" : " DESC, id DESC";
    List<String> ddl = new ArrayList<>(List.of(
        "CREATE TABLE dense_runs (id VARCHAR PRIMARY KEY, component VARCHAR NOT NULL, method"
            + " VARCHAR, agent_id VARCHAR, host VARCHAR, pid BIGINT, thread VARCHAR, start_time "
            + TS + " NOT NULL, end_time " + TS + " NOT NULL, duration_nanos BIGINT, code_version"
            + " VARCHAR, git_commit VARCHAR, status VARCHAR NOT NULL, error_class VARCHAR,"
            + " error_message VARCHAR, ingested_at " + TS + " NOT NULL, unrecorded_before BIGINT"
            + " DEFAULT 0 NOT NULL, " + values + ")",
        "CREATE UNIQUE INDEX dense_runs_by_key ON dense_runs (run_key)",
        "CREATE INDEX dense_runs_by_component_start_time ON dense_runs (component, start_time"
            + newest + ")",
        "CREATE INDEX dense_runs_by_component_end_time ON dense_runs (component, end_time"
            + newest + ")",
        "CREATE INDEX dense_runs_by_end ON dense_runs (end_time)",
        "CREATE TABLE dense_pointers (identifier VARCHAR " + (postgres ? "NOT NULL" : "PRIMARY KEY")
            + ", pointer_type VARCHAR, class_name VARCHAR, flag BOOLEAN DEFAULT FALSE NOT NULL,"
            + " first_seen " + TS + " NOT NULL, flag_note VARCHAR, flagged_at " + TS + ","
            + " pointer_key BIGINT NOT NULL" + (postgres ? ", CONSTRAINT dense_pointers_identifier"
            + "_unique EXCLUDE USING hash (identifier WITH =)" : "") + ")",
        "CREATE UNIQUE INDEX dense_pointers_by_key ON dense_pointers (pointer_key)",
        postgres ? "CREATE INDEX dense_pointers_flagged ON dense_pointers (identifier) WHERE flag"
            : "CREATE INDEX dense_pointers_flagged ON dense_pointers (flag)",
        "CREATE TABLE dense_reads (pointer_key BIGINT NOT NULL, run_key BIGINT NOT NULL, position"
            + " INTEGER NOT NULL, name VARCHAR, fingerprint VARCHAR)",
        "CREATE INDEX dense_reads_by_pointer ON dense_reads (pointer_key, run_key)",
        "CREATE TABLE dense_writes (pointer_key BIGINT NOT NULL, end_time " + TS + " NOT NULL,"
            + " run_key BIGINT NOT NULL, position INTEGER NOT NULL, fingerprint VARCHAR)",
        "CREATE INDEX dense_writes_by_pointer_end ON dense_writes"
            + " (pointer_key, end_time DESC, run_key DESC)",
        "CREATE TABLE dense_deps (run_key BIGINT NOT NULL, pointer_key BIGINT NOT NULL,"
            + " depends_on_run_key BIGINT NOT NULL, PRIMARY KEY (run_key, pointer_key))",
        "CREATE INDEX dense_deps_by_upstream ON dense_deps (depends_on_run_key)"));
    if (templated) { // V052's table and its index, the signature function as V052's
      ddl.add("CREATE OR REPLACE FUNCTION mltrace_template_signature(inputs text, outputs text,"
          + " summaries text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$"
          + " SELECT coalesce(replace(inputs, E'\\x1e', E'\\x02\\x06'), E'\\x01') || E'\\x1e'"
          + " || coalesce(replace(outputs, E'\\x1e', E'\\x02\\x06'), E'\\x01') || E'\\x1e'"
          + " || coalesce(replace(summaries, E'\\x1e', E'\\x02\\x06'), E'\\x01') $$");
      ddl.add("CREATE TABLE dense_value_templates (template_key INTEGER GENERATED BY DEFAULT AS"
          + " IDENTITY PRIMARY KEY, input_entries TEXT, output_entries TEXT,"
          + " summary_entries TEXT)");
      ddl.add("CREATE INDEX dense_value_templates_by_signature ON dense_value_templates USING hash"
          + " (mltrace_template_signature(input_entries, output_entries, summary_entries))");
    }
    return ddl;
  }

  /** A run row in shape {@code s}, its columns in the order of {@link #ddl}. */
  private static Object[] run(Shape s, Object[] r) {
    List<Object> row = new ArrayList<>(Arrays.asList(r).subList(0, VALUES));
    if (s.level() >= 2) {
      row.set(METHOD, intern("methods", (String) r[METHOD]));
    }
    if (s.level() == 4) {
      row.add(0, runKeys.get(r[ID]));
    }
    if (s.level() >= 5) {
      String origin = Arrays.asList(r[AGENT], r[HOST], r[PID], r[THREAD], r[CODE], r[GIT]) + "";
      row = new ArrayList<>(Arrays.asList(runKeys.get(r[ID]), r[START], r[END], r[DURATION],
          r[INGESTED], r[VALUES - 1], intern("components", (String) r[COMPONENT]),
          intern("origins", origin), row.get(METHOD), r[ID], r[STATUS], r[ERROR_CLASS], r[ERROR]));
    }
    switch (s.values()) {
      case "arrays" -> row.addAll(Arrays.asList(r).subList(VALUES, VALUES + 3));
      case "entries" -> {
        for (int g = 0; g < 3; g++) {
          row.add(entries(r[VALUES + g] == null ? null : Arrays.asList((String[]) r[VALUES + g])));
        }
      }
      case "stored" -> { // V052, after the run's key
        row.add(r[RUN_KEY]);
        row.add(r[VALUE_TEMPLATE]);
        row.add(r[VALUE_ENTRIES]);
      }
      case "templates", "templates, pointer keys" -> templated(row, r, s.values().endsWith("keys"));
      case "jsonb", "json" -> row.add(((postgres ? "\1" : "") + joined(r, true)).getBytes(UTF_8));
      case "bytea" -> row.add(packed(r, s.level()));
      case "deflate" -> row.add(deflated(packed(r, s.level())));
      default -> row.add(joined(r, false));
    }
    if (s.level() == 0 && !s.values().equals("stored")) {
      row.add(r[RUN_KEY]);
    }
    return row.toArray();
  }

  /**
   * The template shapes: per direction (inputs, outputs, summaries) the entries that are the same
   * for a component's runs (a value's name, kind, class and type; a summary's direction, position,
   * elements and sampling) as the key of that combination in {@code dense_value_templates}, after
   * the method's id, and the other entries as text in V050's form at the end of the row. With
   * {@code keyed} a POINTER value's text (its identifier) is the pointer's key, when it has one.
   */
  private static void templated(List<Object> row, Object[] r, boolean keyed) {
    for (int g = 0; g < 3; g++) {
      String[] a = (String[]) r[VALUES + g];
      List<String> template = new ArrayList<>(), varying = new ArrayList<>();
      int width = g < 2 ? 8 : 13;
      for (int i = 0; a != null && i < a.length; i++) {
        int f = i % width;
        String v = a[i];
        if (keyed && g < 2 && f == 2 && v != null && "POINTER".equals(a[i - 1])) {
          Long key = pointerKeys.get(v);
          unkeyed += key == null ? 1 : 0;
          v = key == null ? v : key.toString();
        }
        boolean constant = g < 2 ? f == 0 || f == 1 || f == 3 || f == 5 : f < 4;
        (constant ? template : varying).add(v);
      }
      String t = entries(template);
      row.add(9 + g, t == null ? null : intern("value_templates", t));
      row.add(entries(varying));
    }
  }

  /**
   * Entries as V050's text: joined by U+001F, a null entry U+0001, U+001F, U+0001 and U+0002 in an
   * entry escaped as U+0002 U+0003, U+0004, U+0005; none (or no array) as null.
   */
  private static String entries(List<String> a) {
    if (a == null || a.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      String e = a.get(i);
      b.append(i == 0 ? "" : "\u001f");
      b.append(e == null ? "\u0001" : e.replace("\u0002", "\u0002\u0005")
          .replace("\u001f", "\u0002\u0003").replace("\u0001", "\u0002\u0004"));
    }
    return b.toString();
  }

  private static Object[] pointer(int level, Object[] p) {
    if (level < 4) {
      return level == 0 ? p : Arrays.copyOf(p, 7);
    }
    Object kind = level >= 5 ? intern("pointer_kinds", p[1] + "\t" + p[2]) : null;
    return level >= 5
        ? new Object[] {pointerKeys.get(p[0]), p[4], p[6], kind, p[3], p[0], p[5]}
        : new Object[] {pointerKeys.get(p[0]), p[4], p[6], p[1], p[2], p[3], p[0], p[5]};
  }

  /**
   * The three arrays as one text: entries split by US, arrays by RS, a null entry as SOH; or as
   * JSON, {"i": [...], "o": [...], "s": [...]}.
   */
  private static String joined(Object[] r, boolean json) {
    StringBuilder b = new StringBuilder(json ? "{" : "");
    for (int g = 0; g < 3; g++) {
      b.append(g == 0 ? "" : json ? "," : "\u001e");
      b.append(json ? "\"" + "ios".charAt(g) + "\":[" : "");
      String[] a = (String[]) r[VALUES + g];
      for (int i = 0; a != null && i < a.length; i++) {
        String v = a[i] == null ? null : a[i].replace("\\", "\\\\").replace("\"", "\\\"");
        b.append(i == 0 ? "" : json ? "," : "\u001f");
        b.append(json ? (v == null ? "null" : "\"" + v + "\"") : a[i] == null ? "\u0001" : a[i]);
      }
      b.append(json ? "]" : "");
    }
    return b.append(json ? "}" : "").toString();
  }

  /**
   * The three arrays as bytes: per array its length + 1 (0: null) as a varint, then per entry a
   * tag: 0 null; 1 a long's text, zigzag varint; 2 text, varint length and UTF-8; 3 a word (name,
   * kind, class, type; a summary's direction, elements, sampling) by its dictionary id. Floor
   * (level 5) only: 4 a pointer value by its key; 5 a pointer value's class or type that is the
   * registry's.
   */
  private static byte[] packed(Object[] r, int level) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int g = 0; g < 3; g++) {
      String[] a = (String[]) r[VALUES + g];
      varint(b, a == null ? 0 : a.length + 1);
      int width = g < 2 ? 8 : 13;
      for (int i = 0; a != null && i < a.length; i++) {
        String v = a[i];
        int f = i % width;
        boolean pointer = g < 2 && "POINTER".equals(a[i - f + 1]);
        Object[] registry = pointer ? pointerRows.get(a[i - f + 2]) : null;
        if (v == null) {
          b.write(0);
        } else if (level >= 5 && f == 2 && registry != null) {
          b.write(4);
          varint(b, pointerKeys.get(v));
        } else if (level >= 5 && registry != null
            && (f == 3 && v.equals(registry[2]) || f == 5 && v.equals(registry[1]))) {
          b.write(5);
        } else if (g < 2 ? f == 0 || f == 1 || f == 3 || f == 5 : f == 0 || f == 2 || f == 3) {
          b.write(3);
          varint(b, intern("words", v));
        } else if (LONG.matcher(v).matches()) {
          b.write(1);
          long n = Long.parseLong(v);
          varint(b, (n << 1) ^ (n >> 63));
        } else {
          byte[] utf8 = v.getBytes(UTF_8);
          b.write(2);
          varint(b, utf8.length);
          b.writeBytes(utf8);
        }
      }
    }
    return b.toByteArray();
  }

  /** Raw deflate with the first run's packed values as preset dictionary. */
  private static byte[] deflated(byte[] packed) {
    deflater.reset();
    deflater.setDictionary(firstPacked);
    deflater.setInput(packed);
    deflater.finish();
    byte[] out = new byte[packed.length + 64];
    int n = deflater.deflate(out);
    return Arrays.copyOf(out, n);
  }

  private static void varint(ByteArrayOutputStream b, long v) {
    for (; (v & ~0x7FL) != 0; v >>>= 7) {
      b.write((int) (v & 0x7F) | 0x80);
    }
    b.write((int) v);
  }

  private static int intern(String dictionary, String value) {
    Map<String, Integer> d = dictionaries.computeIfAbsent(dictionary, k -> new HashMap<>());
    return d.computeIfAbsent(value, k -> d.size() + 1);
  }

  /** PostgreSQL: each table's rows of each 2,000 runs as binary COPY, then a commit. */
  private static double copy(Connection c, Map<String, List<Object[]>> rows) throws Exception {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    int batches = (runs.size() + BATCH - 1) / BATCH;
    List<List<byte[]>> data = new ArrayList<>();
    for (List<Object[]> table : rows.values()) {
      List<byte[]> slices = new ArrayList<>();
      int per = (table.size() + batches - 1) / batches;
      for (int b = 0; b < batches; b++) {
        slices.add(copyData(table.subList(Math.min(table.size(), b * per),
            Math.min(table.size(), (b + 1) * per))));
      }
      data.add(slices);
    }
    c.setAutoCommit(false);
    long t0 = System.nanoTime();
    List<String> tables = new ArrayList<>(rows.keySet());
    for (int b = 0; b < batches; b++) {
      for (int t = 0; t < tables.size(); t++) {
        copy.copyIn("COPY " + tables.get(t) + " FROM STDIN (FORMAT binary)",
            new ByteArrayInputStream(data.get(t).get(b)));
      }
      c.commit();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static byte[] copyData(List<Object[]> rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("PGCOPY\n\377\r\n\0");
    out.writeLong(0);
    for (Object[] row : rows) {
      out.writeShort(row.length);
      for (Object v : row) {
        field(out, v);
      }
    }
    out.writeShort(-1);
    return bytes.toByteArray();
  }

  private static void field(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeInt(-1);
    } else if (v instanceof Integer i) {
      out.writeInt(4);
      out.writeInt(i);
    } else if (v instanceof Long n) {
      out.writeInt(8);
      out.writeLong(n);
    } else if (v instanceof Boolean f) {
      out.writeInt(1);
      out.writeBoolean(f);
    } else if (v instanceof OffsetDateTime t) {
      out.writeInt(8);
      out.writeLong((t.toEpochSecond() - 946_684_800L) * 1_000_000L + t.getNano() / 1000);
    } else if (v instanceof String[] a) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream array = new DataOutputStream(bytes);
      array.writeInt(a.length == 0 ? 0 : 1);
      array.writeInt(Arrays.asList(a).contains(null) ? 1 : 0);
      array.writeInt(1043); // varchar
      if (a.length > 0) {
        array.writeInt(a.length);
        array.writeInt(1);
      }
      for (String e : a) {
        field(array, e);
      }
      out.writeInt(bytes.size());
      bytes.writeTo(out);
    } else {
      byte[] b = v instanceof byte[] raw ? raw : ((String) v).getBytes(UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  /** H2: each table's rows of each 2,000 runs as one JDBC batch, then a commit. */
  private static double insert(Connection c, Map<String, List<Object[]>> rows) throws Exception {
    int batches = (runs.size() + BATCH - 1) / BATCH;
    c.setAutoCommit(false);
    long t0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      for (var table : rows.entrySet()) {
        List<Object[]> all = table.getValue();
        int per = (all.size() + batches - 1) / batches, n = all.get(0).length;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO " + table.getKey() + " VALUES (" + "?, ".repeat(n - 1) + "?)")) {
          for (int r = b * per; r < Math.min(all.size(), (b + 1) * per); r++) {
            for (int i = 0; i < n; i++) {
              ps.setObject(i + 1, all.get(r)[i]); // JSON: its UTF-8
            }
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      c.commit();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** A table's rows in stored order, arrays as String[] and timestamps as OffsetDateTime. */
  private static List<Object[]> read(Connection c, String table, String columns) throws Exception {
    return read(c, table, columns, postgres ? "ctid" : "_ROWID_");
  }

  /** The rows of {@code from} (a table, or tables joined) in the order given. */
  private static List<Object[]> read(Connection c, String from, String columns, String order)
      throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + columns
        + " FROM " + from + " ORDER BY " + order)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] row = new Object[md.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          int type = md.getColumnType(i + 1);
          Array a = type == Types.ARRAY ? rs.getArray(i + 1) : null;
          row[i] = type == Types.ARRAY
              ? (a == null ? null : Arrays.copyOf((Object[]) a.getArray(),
                  ((Object[]) a.getArray()).length, String[].class))
              : type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE
                  ? rs.getObject(i + 1, OffsetDateTime.class) : rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** PostgreSQL: a table's rows per run and their average size with the tuple header. */
  private static String tuples(Connection c, String table) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT COUNT(*), AVG(pg_column_size(t.*)) FROM " + table + " t")) {
      rs.next();
      return String.format(", %.2f rows/run of %.0f bytes", rs.getLong(1) / (double) runs.size(),
          rs.getDouble(2));
    }
  }

  private static boolean hasColumn(Connection c, String table, String column) throws Exception {
    try (ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
      return rs.next();
    }
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
