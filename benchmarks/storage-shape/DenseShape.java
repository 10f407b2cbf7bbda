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
 * `mltrace bench` stored (issue 15). Reads its runs, pointers, reads, writes and dependencies into
 * memory, then per shape loads them into fresh {@code dense_*} tables, 2,000 runs' rows a
 * transaction (PostgreSQL: binary COPY per table; H2: JDBC batches, a fresh file per shape), and
 * prints bytes per run and runs/s of the load alone (rows are built beforehand, time printed
 * apart). PostgreSQL sizes are pg_total_relation_size per table and index; H2's, the file's growth
 * from the empty tables to after close, as `mltrace bench` measures it, and after SHUTDOWN COMPACT.
 *
 * <p>Shapes, each adding to the one before: (a) today's; (b) no (run_id, position) keys on reads
 * and writes, one (component, time) index; (c) the method interned; (d) the three value arrays in
 * one column: text, jsonb, {@link #packed} bytes, or those deflated with the first run's as
 * preset dictionary; (e) bigint keys for runs and pointers; (f) component, origin (agent, host,
 * pid, thread, code version, commit) and a pointer's type and class interned, columns in
 * alignment order, a pointer value held by its key; (g, PostgreSQL) run ids and pointer
 * identifiers found through an index on a 64-bit hash of the text, not a unique index on it (the
 * writer keeps them unique). Dictionaries are (id, text) tables. PostgreSQL compresses values only
 * in rows over about 2 kB (TOAST_TUPLE_THRESHOLD, which toast_tuple_target does not lower), so
 * lz4 column compression leaves these rows as they are. Two rounds by default, the second in
 * reverse order. Not part of the build; a single-file program:
 *
 * <pre>
 * java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar \
 *   benchmarks/storage-shape/DenseShape.java "jdbc:postgresql://127.0.0.1:5432/DB?user=postgres"
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

  /** A shape: its letter as a level (a = 0 ... g = 6) and the form of the run's values. */
  private record Shape(String name, int level, String values) {}

  private static final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private static boolean postgres;
  private static byte[] firstPacked;
  private static List<Object[]> runs, pointers, reads, writes, deps;
  private static final Map<String, Map<String, Integer>> dictionaries = new LinkedHashMap<>();
  private static final Map<String, Long> runKeys = new HashMap<>(), pointerKeys = new HashMap<>();
  private static final Map<String, Object[]> pointerRows = new HashMap<>();

  public static void main(String[] args) throws Exception {
    String url = args[0];
    postgres = url.startsWith("jdbc:postgresql:");
    try (Connection c = DriverManager.getConnection(url)) {
      runs = read(c, "component_runs", "id, component, method, agent_id, host, pid, thread,"
          + " start_time, end_time, duration_nanos, code_version, git_commit, status, error_class,"
          + " error_message, ingested_at, unrecorded_before, input_values, output_values,"
          + " value_summaries");
      pointers = read(c, "io_pointers",
          "identifier, pointer_type, class_name, flag, first_seen, flag_note, flagged_at");
      reads = read(c, "run_reads", "run_id, position, pointer_id, name, fingerprint");
      writes = read(c, "run_writes", "run_id, position, pointer_id, fingerprint, end_time");
      deps = read(c, "run_dependencies", "run_id, depends_on_run_id, pointer_id");
    }
    for (Object[] r : runs) {
      runKeys.put((String) r[ID], runKeys.size() + 1L);
    }
    for (Object[] p : pointers) {
      pointerKeys.put((String) p[0], pointerKeys.size() + 1L);
      pointerRows.put((String) p[0], p);
    }
    List<Shape> shapes = new ArrayList<>(List.of(new Shape("a today", 0, "arrays"),
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
    System.out.printf("%d runs, %d pointers, %d reads, %d writes, %d dependencies%n",
        runs.size(), pointers.size(), reads.size(), writes.size(), deps.size());
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round + (round % 2 == 0 ? ", in reverse order" : ""));
      for (int i = 0; i < shapes.size(); i++) {
        measure(url, shapes.get(round % 2 == 0 ? shapes.size() - 1 - i : i), round == 1);
      }
    }
  }

  /** Loads the rows in {@code shape}, prints its sizes and rate, and drops it. */
  private static void measure(String url, Shape s, boolean detail) throws Exception {
    dictionaries.clear();
    long t0 = System.nanoTime();
    firstPacked = packed(runs.get(0), s.level());
    Map<String, List<Object[]>> rows = new LinkedHashMap<>();
    boolean keys = s.level() >= 4;
    rows.put("dense_runs", runs.stream().map(r -> run(s, r)).toList());
    rows.put("dense_pointers", pointers.stream().map(p -> pointer(s.level(), p)).toList());
    rows.put("dense_reads", reads.stream().map(r -> !keys ? r
        : new Object[] {runKeys.get(r[0]), pointerKeys.get(r[2]), r[1], r[3], r[4]}).toList());
    rows.put("dense_writes", writes.stream().map(w -> !keys ? w
        : new Object[] {runKeys.get(w[0]), pointerKeys.get(w[2]), w[4], w[1], w[3]}).toList());
    rows.put("dense_deps", deps.stream().map(d -> !keys ? d
        : new Object[] {runKeys.get(d[0]), runKeys.get(d[1]), pointerKeys.get(d[2])}).toList());
    dictionaries.forEach((d, ids) -> rows.put("dense_dict_" + d, ids.entrySet().stream()
        .map(e -> new Object[] {e.getValue(), e.getKey()}).toList()));
    double encode = (System.nanoTime() - t0) / 1e3 / runs.size();
    Path dir = postgres ? null : Files.createTempDirectory("dense");
    String target = postgres ? url : "jdbc:h2:file:" + dir.resolve("db") + H2_OPTIONS;
    try (Connection c = DriverManager.getConnection(target)) {
      for (String ddl : ddl(s)) {
        exec(c, ddl);
      }
      for (String d : dictionaries.keySet()) {
        exec(c, "CREATE TABLE dense_dict_" + d + " (id INTEGER PRIMARY KEY, v VARCHAR)");
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
  }

  private static List<String> ddl(Shape s) {
    int l = s.level();
    String run = l < 4 ? "id" : "run_key", pointer = l < 4 ? "pointer_id" : "pointer_key";
    String values = switch (s.values()) {
      case "arrays" -> "input_values VARCHAR ARRAY, output_values VARCHAR ARRAY,"
          + " value_summaries VARCHAR ARRAY";
      case "jsonb", "json" -> "vals " + s.values().toUpperCase();
      case "bytea", "deflate" -> "vals " + (postgres ? "BYTEA" : "VARBINARY");
      default -> "vals VARCHAR";
    };
    String unique = l == 6 ? "" : " UNIQUE";
    List<String> ddl = new ArrayList<>();
    ddl.add(l >= 5
        ? "CREATE TABLE dense_runs (run_key BIGINT PRIMARY KEY, start_time " + TS + " NOT NULL,"
            + " end_time " + TS + " NOT NULL, duration_nanos BIGINT, ingested_at " + TS
            + " NOT NULL, unrecorded_before BIGINT NOT NULL, component_id INTEGER NOT NULL,"
            + " origin_id INTEGER, method_id INTEGER, id VARCHAR NOT NULL" + unique + ", status"
            + " VARCHAR NOT NULL, error_class VARCHAR, error_message VARCHAR, " + values + ")"
        : "CREATE TABLE dense_runs (" + (l == 4 ? "run_key BIGINT PRIMARY KEY, id VARCHAR NOT NULL"
            + " UNIQUE" : "id VARCHAR PRIMARY KEY") + ", component VARCHAR NOT NULL, "
            + (l < 2 ? "method VARCHAR" : "method_id INTEGER") + ", agent_id VARCHAR, host VARCHAR,"
            + " pid BIGINT, thread VARCHAR, start_time " + TS + " NOT NULL, end_time " + TS
            + " NOT NULL, duration_nanos BIGINT, code_version VARCHAR, git_commit VARCHAR, status"
            + " VARCHAR NOT NULL, error_class VARCHAR, error_message VARCHAR, ingested_at " + TS
            + " NOT NULL, unrecorded_before BIGINT NOT NULL, " + values + ")");
    if (l == 0) {
      ddl.add("CREATE INDEX dense_runs_by_component_newest ON dense_runs"
          + " (component, start_time DESC, id DESC)");
    }
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
    String primary = l == 0 ? ", PRIMARY KEY (run_id, position)" : "";
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
      case "jsonb", "json" -> row.add(((postgres ? "\1" : "") + joined(r, true)).getBytes(UTF_8));
      case "bytea" -> row.add(packed(r, s.level()));
      case "deflate" -> row.add(deflated(packed(r, s.level())));
      default -> row.add(joined(r, false));
    }
    return row.toArray();
  }

  private static Object[] pointer(int level, Object[] p) {
    if (level < 4) {
      return p;
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
    List<Object[]> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + columns
        + " FROM " + table + (postgres ? " ORDER BY ctid" : " ORDER BY _ROWID_"))) {
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

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
