import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's own speed for the exact rows a `mltrace bench` stored: reads the run, pointer,
 * read, write and dependency rows of the bench's database into memory (every column as stored: on
 * PostgreSQL since V052 a run's value_template key and value_entries text, and then the
 * value_templates rows too; before, V050's value text; on H2 the value arrays), then times loading
 * them again into empty tables with the same columns and indexes, in transactions of 2,000 runs'
 * rows (the collector's batch), with nothing else: no queue, no decoding, no look-ups, no lineage.
 * PostgreSQL: binary COPY per table and batch, as the collector sends them. H2: JDBC batches per
 * table and transaction. The collector's rate divided by this one is the share of the time the
 * database itself needs. Not part of the build; a single-file program:
 *
 * <pre>
 * java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar \
 *   benchmarks/storage-shape/BareReload.java "jdbc:postgresql://127.0.0.1:5432/ingest_bench?user=postgres"
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar:... \
 *   benchmarks/storage-shape/BareReload.java "jdbc:h2:file:/tmp/bench/mltrace"
 * </pre>
 *
 * It creates and drops tables named {@code bare_*} in that database. The templates' rows are
 * loaded in the first transactions, where the collector stores a template the first time a run
 * needs it (a bench has a handful).
 */
public class BareReload {
  private static final List<String> TABLES =
      // the link rows' tables since V048 (run_reads, run_writes, run_dependencies are views)
      new ArrayList<>(
          List.of(
              "component_runs",
              "io_pointers",
              "run_read_keys",
              "run_write_keys",
              "run_dependency_keys"));
  private static final int BATCH = 2000;

  public static void main(String[] args) throws Exception {
    String url = args[0];
    boolean postgres = url.startsWith("jdbc:postgresql:");
    try (Connection c = DriverManager.getConnection(url)) {
      long runs = count(c, "component_runs");
      if (postgres && exists(c, "value_templates")) { // V052: what the runs' value_template names
        TABLES.add("value_templates");
      }
      if (postgres && exists(c, "run_rows")) { // V053: the runs' table under the view, and origins
        TABLES.set(TABLES.indexOf("component_runs"), "run_rows");
        TABLES.add("run_origins");
      }
      if (postgres && exists(c, "pointer_rows")) { // V055: the pointers' table under the view
        TABLES.set(TABLES.indexOf("io_pointers"), "pointer_rows");
        TABLES.add("pointer_kinds");
      }
      for (String t : TABLES) {
        exec(c, "DROP TABLE IF EXISTS bare_" + t);
        exec(
            c,
            postgres
                ? "CREATE TABLE bare_" + t + " (LIKE " + t + " INCLUDING ALL)"
                : "CREATE TABLE bare_" + t + " AS SELECT * FROM " + t + " WHERE 1 = 0");
      }
      if (!postgres) {
        h2Indexes(c);
      }
      for (int i = 1; i < args.length; i++) {
        exec(c, args[i]); // a variant of the shape to measure, e.g. "DROP INDEX bare_..."
      }
      double seconds = postgres ? copyAll(c, runs) : insertAll(c, runs);
      System.out.printf(
          "%d runs' rows reloaded in %.2f s: %.0f runs/s (%s)%n",
          runs, seconds, runs / seconds, postgres ? "binary COPY" : "JDBC batches");
      c.setAutoCommit(true);
      for (String t : TABLES) {
        exec(c, "DROP TABLE bare_" + t);
      }
    }
  }

  /** PostgreSQL: each table's rows as binary COPY data, split in BATCH-run slices by row number. */
  private static double copyAll(Connection c, long runs) throws Exception {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    List<List<byte[]>> slices = new ArrayList<>();
    for (String t : TABLES) {
      List<byte[]> perBatch = new ArrayList<>();
      long rows = count(c, t);
      long batches = (runs + BATCH - 1) / BATCH;
      long per = (rows + batches - 1) / batches;
      for (long from = 0; from < rows; from += per) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.copyOut(
            "COPY (SELECT * FROM " + t + " ORDER BY ctid OFFSET " + from + " LIMIT " + per
                + ") TO STDOUT (FORMAT binary)",
            out);
        perBatch.add(out.toByteArray());
      }
      slices.add(perBatch);
    }
    c.setAutoCommit(false);
    long[] perTable = new long[TABLES.size() + 1];
    long t0 = System.nanoTime();
    for (int b = 0; b < slices.get(0).size(); b++) {
      for (int t = 0; t < TABLES.size(); t++) {
        if (b < slices.get(t).size()) {
          long s = System.nanoTime();
          copy.copyIn(
              "COPY bare_" + TABLES.get(t) + " FROM STDIN (FORMAT binary)",
              new ByteArrayInputStream(slices.get(t).get(b)));
          perTable[t] += System.nanoTime() - s;
        }
      }
      long s = System.nanoTime();
      c.commit();
      perTable[TABLES.size()] += System.nanoTime() - s;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (int t = 0; t <= TABLES.size(); t++) {
      System.out.printf(
          "  %-18s %.2f s%n", t < TABLES.size() ? TABLES.get(t) : "commits", perTable[t] / 1e9);
    }
    return seconds;
  }

  /** H2: the same indexes as the collector's tables (named bare_...). */
  private static void h2Indexes(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME,"
                    + " LISTAGG(CASE WHEN c.ORDERING_SPECIFICATION = 'DESC'"
                    + " THEN c.COLUMN_NAME || ' DESC' ELSE c.COLUMN_NAME END, ', ')"
                    + " WITHIN GROUP (ORDER BY c.ORDINAL_POSITION)"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
                    + " ON c.INDEX_NAME = i.INDEX_NAME AND c.TABLE_NAME = i.TABLE_NAME"
                    + " WHERE i.TABLE_NAME IN ('COMPONENT_RUNS', 'IO_POINTERS', 'RUN_READ_KEYS',"
                    + " 'RUN_WRITE_KEYS', 'RUN_DEPENDENCY_KEYS') AND i.TABLE_SCHEMA = CURRENT_SCHEMA"
                    + " GROUP BY i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME")) {
      List<String> ddl = new ArrayList<>();
      while (rs.next()) {
        String table = "bare_" + rs.getString(1);
        if (rs.getString(3).equals("PRIMARY KEY")) {
          for (String column : rs.getString(4).split(", ")) {
            ddl.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL");
          }
          ddl.add("ALTER TABLE " + table + " ADD PRIMARY KEY (" + rs.getString(4) + ")");
        } else {
          ddl.add(
              "CREATE INDEX bare_" + rs.getString(2) + " ON " + table + " (" + rs.getString(4) + ")");
        }
      }
      for (String s : ddl) {
        exec(c, s);
      }
    }
  }

  /** H2: every row read into memory, then batched inserts, BATCH runs' rows per transaction. */
  private static double insertAll(Connection c, long runs) throws Exception {
    List<List<Object[]>> rowsPerTable = new ArrayList<>();
    List<Integer> widths = new ArrayList<>();
    for (String t : TABLES) {
      List<Object[]> rows = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
        int n = rs.getMetaData().getColumnCount();
        widths.add(n);
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
      }
      rowsPerTable.add(rows);
    }
    c.setAutoCommit(false);
    long batches = (runs + BATCH - 1) / BATCH;
    long t0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      for (int t = 0; t < TABLES.size(); t++) {
        List<Object[]> rows = rowsPerTable.get(t);
        int per = (int) ((rows.size() + batches - 1) / batches);
        int n = widths.get(t);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO bare_" + TABLES.get(t) + " VALUES (" + "?, ".repeat(n - 1) + "?)")) {
          for (int r = b * per; r < Math.min(rows.size(), (b + 1) * per); r++) {
            for (int i = 0; i < n; i++) {
              ps.setObject(i + 1, rows.get(r)[i]);
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

  private static boolean exists(Connection c, String table) throws Exception {
    try (ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }

  private static long count(Connection c, String table) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
