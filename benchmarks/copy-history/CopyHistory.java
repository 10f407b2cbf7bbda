import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies every mltrace table of one database into another that already has the same schema (both
 * migrated by the same collector version), row for row, in the order the collector stored them
 * (by their run's end). Used to measure queries on a 10-million-run H2 file without growing it
 * through H2's own ingest (about 1,000 runs/s on the 2-core machine, close to 3 hours): generate the
 * history into PostgreSQL, create an empty H2 file with the collector, copy. A copied file has
 * fuller pages than one grown run by run, so its query figures may flatter H2 somewhat. Not part of
 * the build; a single-file program:
 *
 * <pre>
 * mkdir -p /tmp/empty-queue
 * mltrace collect --once --queue /tmp/empty-queue --db jdbc:h2:file:/data/h2/db   # migrates
 * java -Xmx8g -cp collector/target/mltrace-collector.jar benchmarks/copy-history/CopyHistory.java \
 *   "jdbc:postgresql://127.0.0.1:5432/scale10m?user=postgres" \
 *   "jdbc:h2:file:/data/h2/db;NON_KEYWORDS=VALUE;CACHE_SIZE=2097152"
 * </pre>
 *
 * Copies the storage shape of V048 on (a run's values in arrays, which a PostgreSQL source keeps
 * otherwise and this reads decoded: migrated by V050 as text, decoded by mltrace_entries; by V052
 * as the run's value_template, a key into value_templates, and its own value_entries, read as
 * mltrace_run_entries(template's entries, value_entries), the arrays V050 gave; the link rows in
 * run_read_keys, run_write_keys and run_dependency_keys, which name runs and pointers by the keys
 * copied with them, component_runs.run_key and io_pointers.pointer_key; the link rows go by their
 * run's end, run key and position). The views run_reads, run_writes and run_dependencies are not
 * tables and are not copied. The tables and columns copied are the target's: a source table the
 * target lacks (PostgreSQL's value_templates since V052) is not copied, a target table the source
 * lacks stays empty, and a column only one side has is left out (each is printed). Foreign keys are not checked while copying (the source enforced them); plain
 * indexes are dropped first and rebuilt at the end; identity columns restart after their largest
 * value, and the key sequences after the largest key copied, so that the collector's next block
 * of keys takes none of them.
 */
public class CopyHistory {
  private static final int BATCH = 5_000;
  private static final int COMMIT_EVERY = 100_000;
  private static final List<String> VALUE_COLUMNS =
      List.of("input_values", "output_values", "value_summaries");

  public static void main(String[] args) throws Exception {
    try (Connection to = DriverManager.getConnection(args[1])) {
      to.setAutoCommit(false);
      long t0 = System.nanoTime();
      List<String> deferred = dropPlainIndexes(to);
      try (Statement st = to.createStatement()) {
        st.execute("SET REFERENTIAL_INTEGRITY FALSE");
      }
      // Two tables at a time, each on its own pair of connections: one core reads, one writes.
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> copies = new ArrayList<>();
      for (String table : tables(to)) {
        copies.add(
            pool.submit(
                () -> {
                  try (Connection source = DriverManager.getConnection(args[0]);
                      Connection target = DriverManager.getConnection(args[1])) {
                    source.setAutoCommit(false); // PostgreSQL streams a result only so
                    target.setAutoCommit(false);
                    long rows = copy(source, target, table);
                    System.out.printf(
                        "%-28s %,12d rows  %8.1f s%n",
                        table, rows, (System.nanoTime() - t0) / 1e9);
                  }
                  return null;
                }));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
      pool.shutdown();
      try (Statement st = to.createStatement()) {
        st.execute("SET REFERENTIAL_INTEGRITY TRUE");
        for (String ddl : deferred) {
          st.execute(ddl);
          to.commit();
          System.out.printf("%-80.80s %8.1f s%n", ddl, (System.nanoTime() - t0) / 1e9);
        }
      }
      restartIdentities(to);
      restartKeySequences(to);
      to.commit();
    }
  }

  /**
   * Drops the target's plain indexes (not those of primary keys and foreign keys) and returns the
   * statements that recreate them, so that the schema ends as the migrations left it. H2 builds an
   * index over a full table by sorting, faster than growing it row by row.
   */
  private static List<String> dropPlainIndexes(Connection to) throws Exception {
    List<String> indexes = new ArrayList<>();
    try (ResultSet rs = to.createStatement().executeQuery("SCRIPT NODATA")) {
      while (rs.next()) {
        String ddl = rs.getString(1);
        if (ddl.startsWith("CREATE INDEX") && !ddl.contains("flyway")) {
          indexes.add(ddl);
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    for (String index : indexes) {
      try (Statement st = to.createStatement()) {
        st.execute("DROP INDEX " + index.substring("CREATE INDEX ".length(), index.indexOf(" ON ")));
        dropped.add(index);
      } catch (SQLException e) {
        // a foreign key uses it: it stays, and is grown row by row
      }
    }
    to.commit();
    return dropped;
  }

  /** The target's tables, the migration tool's history excluded (the target has its own). */
  private static List<String> tables(Connection to) throws Exception {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        to.createStatement()
            .executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      while (rs.next()) {
        String name = rs.getString(1).toLowerCase();
        if (!name.startsWith("flyway")) {
          tables.add(name);
        }
      }
    }
    // the big ones first, so that the two threads finish together
    List<String> big =
        List.of(
            "run_write_keys",
            "run_dependency_keys",
            "run_read_keys",
            "io_pointers",
            "component_runs");
    tables.sort(
        java.util.Comparator.comparingInt(
            t -> big.contains(t) ? big.indexOf(t) : big.size()));
    return tables;
  }

  private static long copy(Connection from, Connection to, String table) throws Exception {
    List<String> sourceColumns = columns(from, table);
    if (sourceColumns.isEmpty()) {
      System.out.printf("%-28s not in the source, left empty%n", table);
      return 0;
    }
    List<String> columns = new ArrayList<>();
    for (String column : columns(to, table)) {
      if (sourceColumns.contains(column) || table.equals("component_runs")
          && VALUE_COLUMNS.contains(column) && sourceColumns.contains("value_template")) {
        columns.add(column);
      } else {
        System.out.printf("%s.%s not in the source, left to its default%n", table, column);
      }
    }
    for (String column : sourceColumns) {
      if (!columns.contains(column) && !(table.equals("component_runs")
          && List.of("value_template", "value_entries").contains(column))) {
        System.out.printf("%s.%s not in the target, not copied%n", table, column);
      }
    }
    try (Statement read = from.createStatement()) {
      read.setFetchSize(BATCH);
      try (ResultSet rs = read.executeQuery(selectInIngestOrder(from, table, columns))) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String insert =
            "INSERT INTO "
                + table
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + "?, ".repeat(n - 1)
                + "?)";
        long rows = 0;
        try (PreparedStatement write = to.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              write.setObject(i, value(rs, md, i));
            }
            write.addBatch();
            if (++rows % BATCH == 0) {
              write.executeBatch();
              if (rows % COMMIT_EVERY == 0) {
                to.commit();
              }
            }
          }
          write.executeBatch();
          to.commit();
        }
        return rows;
      }
    }
  }

  /**
   * Times as instants with their offset, so that no JVM time zone comes between the two; arrays (a
   * run's values, since V025) as plain Java arrays, which every driver binds.
   */
  private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws Exception {
    int type = md.getColumnType(i);
    if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
      return rs.getObject(i, OffsetDateTime.class);
    }
    if (type == Types.ARRAY) {
      Array array = rs.getArray(i);
      return array == null ? null : array.getArray();
    }
    return rs.getObject(i);
  }

  /**
   * The rows in the order the collector stored them (by their run's end), so that the copy's pages
   * hold together what a grown file's do: recent runs with recent runs.
   */
  private static String selectInIngestOrder(Connection from, String table, List<String> columns)
      throws Exception {
    List<String> key = new ArrayList<>();
    for (String column : primaryKey(from, table)) {
      key.add("t." + column);
    }
    String byKey = key.isEmpty() ? "" : String.join(", ", key);
    List<String> selected = new ArrayList<>();
    for (String column : columns) {
      selected.add("t." + column);
    }
    String all = String.join(", ", selected);
    if (table.equals("component_runs")) {
      return "SELECT " + runColumns(from, columns) + " ORDER BY t.end_time, t.id";
    }
    if (table.equals("io_pointers")) {
      return "SELECT " + all + " FROM io_pointers t ORDER BY t.first_seen, t.identifier";
    }
    List<String> sourceColumns = columns(from, table);
    if (sourceColumns.contains("run_key")) {
      // the link rows (V048): run_read_keys and run_write_keys have no key, a run's rows go by
      // their position; run_dependency_keys by its key (run_key, pointer_key)
      if (key.isEmpty()) {
        key.add("t.run_key");
        key.add("t.position");
      }
      return "SELECT "
          + all
          + " FROM "
          + table
          + " t JOIN component_runs r ON r.run_key = t.run_key ORDER BY r.end_time, "
          + String.join(", ", key);
    }
    if (sourceColumns.contains("run_id") && !key.isEmpty()) {
      return "SELECT "
          + all
          + " FROM "
          + table
          + " t JOIN component_runs r ON r.id = t.run_id ORDER BY r.end_time, "
          + String.join(", ", key);
    }
    return "SELECT " + all + " FROM " + table + " t" + (key.isEmpty() ? "" : " ORDER BY " + byKey);
  }

  /**
   * The columns of component_runs that the target has, a run's values as arrays, and the FROM
   * clause: on a PostgreSQL source migrated by V052 each array is its template's entries filled
   * with the run's own, mltrace_run_entries(vt.input_entries, t.value_entries) and so on, the
   * template joined by key (a run without values has none: NULL arrays); migrated by V050 (and
   * not V052) they are text, decoded by its function mltrace_entries (the H2 target keeps
   * arrays).
   */
  private static String runColumns(Connection from, List<String> columns) throws Exception {
    DatabaseMetaData md = from.getMetaData();
    String name = md.storesUpperCaseIdentifiers() ? "COMPONENT_RUNS" : "component_runs";
    Map<String, Integer> types = new HashMap<>();
    try (ResultSet rs = md.getColumns(null, null, name, null)) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME").toLowerCase(), rs.getInt("DATA_TYPE"));
      }
    }
    boolean templates = types.containsKey("value_template");
    List<String> selected = new ArrayList<>();
    for (String column : columns) {
      boolean values = VALUE_COLUMNS.contains(column);
      selected.add(
          values && templates
              ? "mltrace_run_entries(vt."
                  + switch (column) {
                    case "input_values" -> "input_entries";
                    case "output_values" -> "output_entries";
                    default -> "summary_entries";
                  }
                  + ", t.value_entries) AS "
                  + column
              : values && types.get(column) != Types.ARRAY
                  ? "mltrace_entries(t." + column + ") AS " + column
                  : "t." + column);
    }
    return String.join(", ", selected)
        + " FROM component_runs t"
        + (templates ? " LEFT JOIN value_templates vt ON vt.template_key = t.value_template" : "");
  }

  private static List<String> columns(Connection from, String table) throws Exception {
    DatabaseMetaData md = from.getMetaData();
    String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, name, null)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME").toLowerCase();
        if (!columns.contains(column)) { // a table of that name in another schema
          columns.add(column);
        }
      }
    }
    return columns;
  }

  private static List<String> primaryKey(Connection from, String table) throws Exception {
    DatabaseMetaData md = from.getMetaData();
    List<String> key = new ArrayList<>();
    List<Short> positions = new ArrayList<>();
    String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
    try (ResultSet rs = md.getPrimaryKeys(null, null, name)) {
      while (rs.next()) {
        positions.add(rs.getShort("KEY_SEQ"));
        key.add(rs.getString("COLUMN_NAME"));
      }
    }
    String[] ordered = new String[key.size()];
    for (int i = 0; i < key.size(); i++) {
      ordered[positions.get(i) - 1] = key.get(i);
    }
    return List.of(ordered);
  }

  /**
   * Restarts the sequences that number runs and pointers (V048) after the largest key copied: the
   * copy wrote the source's keys, and the target's sequences still stand where its migration left
   * them.
   */
  private static void restartKeySequences(Connection to) throws Exception {
    String[][] sequences = {
      {"run_keys", "component_runs", "run_key"}, {"pointer_keys", "io_pointers", "pointer_key"}
    };
    for (String[] s : sequences) {
      long next;
      try (ResultSet rs =
          to.createStatement()
              .executeQuery("SELECT COALESCE(MAX(" + s[2] + "), 0) + 1 FROM " + s[1])) {
        rs.next();
        next = rs.getLong(1);
      }
      try (Statement st = to.createStatement()) {
        st.execute("ALTER SEQUENCE " + s[0] + " RESTART WITH " + next);
      }
    }
  }

  private static void restartIdentities(Connection to) throws Exception {
    List<String[]> identities = new ArrayList<>();
    try (ResultSet rs =
        to.createStatement()
            .executeQuery(
                "SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'PUBLIC' AND is_identity = 'YES'")) {
      while (rs.next()) {
        identities.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] id : identities) {
      long next;
      try (ResultSet rs =
          to.createStatement()
              .executeQuery("SELECT COALESCE(MAX(" + id[1] + "), 0) + 1 FROM " + id[0])) {
        rs.next();
        next = rs.getLong(1);
      }
      try (Statement st = to.createStatement()) {
        st.execute("ALTER TABLE " + id[0] + " ALTER COLUMN " + id[1] + " RESTART WITH " + next);
      }
    }
  }
}
