package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.ArrayRunRows.array;
import static org.mltrace.collector.store.ArrayRunRows.at;
import static org.mltrace.collector.store.ArrayRunRows.plain;
import static org.mltrace.collector.store.ArrayRunRows.pointer;
import static org.mltrace.collector.store.ArrayRunRows.run;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import db.migration.h2.V048__LinkTablesByKey;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * V048: a database written by the release before it (run_reads, run_writes and run_dependencies
 * naming runs and pointers by text) upgrades in place. The views of the old names answer the same
 * rows, every run and pointer gets a key of its own, a row stored by hand afterwards gets one from
 * the column default, and the keyed tables have their indexes. On H2, whose DDL commits statement
 * by statement, the migration stopped at any of its statements runs again without losing or
 * doubling a row.
 */
class LinkKeysMigrationTest {
  /** The three link tables (views from V048 on), each with an order that makes its rows unique. */
  private static final Map<String, String> LINKS =
      Map.of(
          "run_reads", "run_id, position",
          "run_writes", "run_id, position",
          "run_dependencies", "run_id, pointer_id");

  @TempDir Path tmp;

  @Test
  void h2() throws Exception {
    upgradesInPlace(TestDatabases.h2Url(tmp));
  }

  @Test
  void postgres() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      upgradesInPlace(schema.create());
    } finally {
      schema.drop();
    }
  }

  /**
   * Stops the H2 migration before each of its statements in turn (the last round stops none: a
   * migration that finished but was not recorded), then lets the collector migrate: a collector
   * that crashed at that point, started again.
   */
  @Test
  void h2StoppedAtAnyStatementRunsAgainWithoutLosingOrDoublingARow() throws Exception {
    Path written = tmp.resolve("v47");
    String direct = OlderSchema.upTo(TestDatabases.h2Url(written), "47");
    Map<String, List<String>> before;
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      writeTheV047Way(st);
      before = links(st);
    }
    Path counted = tmp.resolve("counted");
    copyDirectory(written, counted);
    int statements =
        migrateByHandStoppingBefore(
            JdbcUrl.parse(TestDatabases.h2Url(counted)).effective(), false, Integer.MAX_VALUE);
    assertTrue(statements > 15, "the migration ran " + statements + " statements");
    for (boolean autoCommit : List.of(false, true)) {
      for (int stop = 1; stop <= statements + 1; stop++) {
        String at = "stopped before statement " + stop + (autoCommit ? ", autocommit" : "");
        Path copy = tmp.resolve(at.replace(' ', '-').replace(",", ""));
        copyDirectory(written, copy);
        String url = TestDatabases.h2Url(copy);
        int ran = migrateByHandStoppingBefore(JdbcUrl.parse(url).effective(), autoCommit, stop);
        assertEquals(Math.min(stop, statements), ran, at);
        try (Database db = Database.open(url, Database.Access.EXISTING);
            Statement st = db.connection().createStatement()) {
          assertEquals(before, links(st), at);
          assertKeyed(st, before);
        }
      }
    }
  }

  private static void upgradesInPlace(String url) throws SQLException {
    String direct = OlderSchema.upTo(url, "47");
    Map<String, List<String>> before;
    List<String> values;
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      writeTheV047Way(st);
      before = links(st);
      values = values(st);
    }
    assertEquals(8, before.get("run_reads").size() - 1, "header and rows: " + before);
    assertEquals(5, before.get("run_writes").size() - 1, "header and rows: " + before);
    assertEquals(5, before.get("run_dependencies").size() - 1, "header and rows: " + before);
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(before, links(st), "the views answer what the tables did");
      assertEquals(values, values(st), "the runs' own values are untouched");
      assertKeyed(st, before);
      assertIndexes(db.connection());
      keysRowsStoredByHand(st);
    }
  }

  /**
   * Two preparations write /d/clean.csv; training reads it and /d/raw.csv, which no run wrote; two
   * evaluations read the model and the clean data and both write /d/report.json; one run has no
   * values; /d/unused.csv is linked to nothing.
   */
  private static void writeTheV047Way(Statement st) throws SQLException {
    st.execute("INSERT INTO components (name) VALUES ('prep'), ('train'), ('eval'), ('idle')");
    for (String p :
        List.of("/d/raw.csv", "/d/clean.csv", "/d/model.bin", "/d/report.json", "/d/unused.csv")) {
      st.execute(
          "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES ('"
              + p
              + "', 'data', "
              + at(0)
              + ")");
    }
    String raw = pointer("src", "/d/raw.csv", null);
    run(st, "p1", "prep", 0, array(raw), array(pointer("return", "/d/clean.csv", "xxh64:c1")));
    run(
        st,
        "p2",
        "prep",
        2,
        array(raw),
        array(pointer("return", "/d/clean.csv", "xxh64:c2"), plain("rows", "LONG", "120")));
    run(
        st,
        "t1",
        "train",
        4,
        array(
            pointer("data", "/d/clean.csv", "xxh64:c2"),
            plain("epochs", "LONG", "12"),
            pointer("raw", "/d/raw.csv", null)),
        array(pointer("model", "/d/model.bin", "xxh64:m1"), plain("loss", "DOUBLE", "0.25")));
    for (String eval : List.of("e1", "e2")) {
      run(
          st,
          eval,
          "eval",
          eval.equals("e1") ? 6 : 8,
          array(
              pointer("model", "/d/model.bin", "xxh64:m1"),
              pointer("data", "/d/clean.csv", "xxh64:c2")),
          array(pointer("return", "/d/report.json", null)));
    }
    run(st, "i1", "idle", 10, "NULL", "NULL");
    st.execute(
        "INSERT INTO run_reads (run_id, position, pointer_id, name, fingerprint) VALUES"
            + " ('p1', 0, '/d/raw.csv', 'src', NULL), ('p2', 0, '/d/raw.csv', 'src', NULL),"
            + " ('t1', 0, '/d/clean.csv', 'data', 'xxh64:c2'), ('t1', 2, '/d/raw.csv', 'raw', NULL),"
            + " ('e1', 0, '/d/model.bin', 'model', 'xxh64:m1'),"
            + " ('e1', 1, '/d/clean.csv', 'data', 'xxh64:c2'),"
            + " ('e2', 0, '/d/model.bin', 'model', 'xxh64:m1'),"
            + " ('e2', 1, '/d/clean.csv', 'data', 'xxh64:c2')");
    st.execute(
        "INSERT INTO run_writes (run_id, position, pointer_id, fingerprint, end_time) VALUES"
            + " ('p1', 0, '/d/clean.csv', 'xxh64:c1', "
            + at(1)
            + "), ('p2', 0, '/d/clean.csv', 'xxh64:c2', "
            + at(3)
            + "), ('t1', 0, '/d/model.bin', 'xxh64:m1', "
            + at(5)
            + "), ('e1', 0, '/d/report.json', NULL, "
            + at(7)
            + "), ('e2', 0, '/d/report.json', NULL, "
            + at(9)
            + ")");
    st.execute(
        "INSERT INTO run_dependencies (run_id, depends_on_run_id, pointer_id) VALUES"
            + " ('t1', 'p2', '/d/clean.csv'), ('e1', 't1', '/d/model.bin'),"
            + " ('e1', 'p2', '/d/clean.csv'), ('e2', 't1', '/d/model.bin'),"
            + " ('e2', 'p2', '/d/clean.csv')");
  }

  /** Each link table's (or view's) column names, then its rows in a fixed order. */
  private static Map<String, List<String>> links(Statement st) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, String> link : LINKS.entrySet()) {
      String sql = "SELECT * FROM " + link.getKey() + " ORDER BY " + link.getValue();
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          names.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        rows.add(String.join("|", names));
      }
      rows.addAll(rows(st, sql));
      out.put(link.getKey(), rows);
    }
    return out;
  }

  private static List<String> values(Statement st) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String view : List.of("run_inputs", "run_outputs")) {
      out.addAll(rows(st, "SELECT * FROM " + view + " ORDER BY run_id, position"));
    }
    return out;
  }

  /**
   * Every run and pointer has a key no other has, and each keyed table holds one row per row of the
   * table it replaced (a header line aside).
   */
  private static void assertKeyed(Statement st, Map<String, List<String>> before)
      throws SQLException {
    assertEquals(
        List.of("6|6|6"),
        rows(st, "SELECT COUNT(*), COUNT(run_key), COUNT(DISTINCT run_key) FROM component_runs"));
    assertEquals(
        List.of("5|5|5"),
        rows(
            st,
            "SELECT COUNT(*), COUNT(pointer_key), COUNT(DISTINCT pointer_key) FROM io_pointers"));
    Map<String, String> keyed =
        Map.of(
            "run_reads", "run_read_keys",
            "run_writes", "run_write_keys",
            "run_dependencies", "run_dependency_keys");
    for (Map.Entry<String, String> k : keyed.entrySet()) {
      assertEquals(
          before.get(k.getKey()).size() - 1,
          count(st, "SELECT COUNT(*) FROM " + k.getValue()),
          k.getValue());
    }
  }

  /**
   * The keyed tables' indexes (name, unique or not, columns), the run and pointer key indexes, and
   * the dependencies' primary key; from JDBC metadata, which H2 and PostgreSQL both answer.
   */
  private static void assertIndexes(Connection c) throws SQLException {
    assertEquals(
        Map.of("run_read_keys_by_pointer", "(pointer_key, run_key)"), indexes(c, "run_read_keys"));
    assertEquals(
        Map.of("run_write_keys_by_pointer_end", "(pointer_key, end_time DESC, run_key DESC)"),
        indexes(c, "run_write_keys"));
    assertEquals(
        Map.of("run_dependency_keys_by_upstream", "(depends_on_run_key)"),
        indexes(c, "run_dependency_keys"));
    // On PostgreSQL the runs' table is run_rows under the view component_runs since V053, the
    // pointers' pointer_rows under io_pointers since V055
    boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    String runs = postgres ? "run_rows" : "component_runs";
    String pointers = postgres ? "pointer_rows" : "io_pointers";
    assertEquals("unique (run_key)", indexes(c, runs).get("component_runs_by_key"));
    assertEquals("unique (pointer_key)", indexes(c, pointers).get("io_pointers_by_key"));
    List<String> primary = new ArrayList<>();
    try (ResultSet rs =
        c.getMetaData().getPrimaryKeys(null, c.getSchema(), name(c, "run_dependency_keys"))) {
      while (rs.next()) {
        primary.add(
            rs.getShort("KEY_SEQ") + " " + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    primary.sort(null);
    assertEquals(List.of("1 run_key", "2 pointer_key"), primary);
  }

  /**
   * A table's indexes but the one backing its primary key (named by the database: PRIMARY_KEY_.. on
   * H2, ..._pkey on PostgreSQL), as name to "unique (column, column DESC)".
   */
  private static Map<String, String> indexes(Connection c, String table) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet rs =
        c.getMetaData().getIndexInfo(null, c.getSchema(), name(c, table), false, false)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        if (index == null) {
          continue; // a statistics row
        }
        index = index.toLowerCase(Locale.ROOT);
        if (index.startsWith("primary_key") || index.endsWith("_pkey")) {
          continue;
        }
        List<String> cols = columns.computeIfAbsent(index, i -> new ArrayList<>());
        int position = rs.getShort("ORDINAL_POSITION");
        while (cols.size() < position) {
          cols.add(null);
        }
        cols.set(
            position - 1,
            rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                + ("D".equals(rs.getString("ASC_OR_DESC")) ? " DESC" : ""));
        unique.put(index, !rs.getBoolean("NON_UNIQUE"));
      }
    }
    Map<String, String> out = new TreeMap<>();
    columns.forEach(
        (index, cols) ->
            out.put(
                index, (unique.get(index) ? "unique " : "") + "(" + String.join(", ", cols) + ")"));
    return out;
  }

  /** A table name as the database's metadata spells it: H2 folds unquoted names to upper case. */
  private static String name(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    return md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
  }

  /**
   * A run and a pointer stored afterwards by SQL that names no key get fresh ones from the column
   * defaults, and a link by those keys reads back through the view by id and identifier.
   */
  private static void keysRowsStoredByHand(Statement st) throws SQLException {
    List<String> runKeys = rows(st, "SELECT run_key FROM component_runs");
    List<String> pointerKeys = rows(st, "SELECT pointer_key FROM io_pointers");
    run(st, "late", "train", 12, "NULL", "NULL");
    st.execute(
        "INSERT INTO io_pointers (identifier, first_seen) VALUES ('/d/late.csv', " + at(12) + ")");
    String runKey = rows(st, "SELECT run_key FROM component_runs WHERE id = 'late'").get(0);
    String pointerKey =
        rows(st, "SELECT pointer_key FROM io_pointers WHERE identifier = '/d/late.csv'").get(0);
    assertTrue(!runKeys.contains(runKey) && !runKey.equals("null"), runKey + " in " + runKeys);
    assertTrue(
        !pointerKeys.contains(pointerKey) && !pointerKey.equals("null"),
        pointerKey + " in " + pointerKeys);
    st.execute(
        "INSERT INTO run_read_keys (pointer_key, run_key, position, name) VALUES ("
            + pointerKey
            + ", "
            + runKey
            + ", 0, 'late')");
    assertEquals(
        List.of("late|0|/d/late.csv|late|null"),
        rows(st, "SELECT * FROM run_reads WHERE run_id = 'late'"));
  }

  /**
   * Runs V048's H2 migration on a connection of its own, failing it just before its {@code stop}-th
   * statement and rolling back what was not committed; returns how many statements it ran. Without
   * autocommit as Flyway runs it (one transaction, which H2 commits at each DDL statement); with
   * autocommit, every statement is committed, which leaves states the other cannot (rows copied
   * into a keyed table whose old table is still there).
   */
  private static int migrateByHandStoppingBefore(String direct, boolean autoCommit, int stop)
      throws SQLException {
    int[] ran = {0};
    try (Connection real = DriverManager.getConnection(direct)) {
      real.setAutoCommit(autoCommit);
      Connection stopping = stopping(real, stop, ran);
      try {
        new V048__LinkTablesByKey()
            .migrate(
                new Context() {
                  @Override
                  public Configuration getConfiguration() {
                    return null;
                  }

                  @Override
                  public Connection getConnection() {
                    return stopping;
                  }
                });
      } catch (SQLException e) {
        if (!e.getMessage().startsWith("stopped")) {
          throw e;
        }
      }
      if (!autoCommit) {
        real.rollback();
      }
    }
    return ran[0];
  }

  /** {@code real}, whose statements fail once {@code ran} would reach {@code stop}. */
  private static Connection stopping(Connection real, int stop, int[] ran) {
    return proxy(
        Connection.class,
        real,
        (method, args) -> {
          Object result = invoke(method, real, args);
          if (result instanceof Statement st && method.getName().equals("createStatement")) {
            return proxy(
                Statement.class,
                st,
                (m, a) -> {
                  if (m.getName().equals("execute") && ++ran[0] >= stop) {
                    throw new SQLException("stopped before statement " + stop + ": " + a[0]);
                  }
                  return invoke(m, st, a);
                });
          }
          return result;
        });
  }

  private interface Call {
    Object on(java.lang.reflect.Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            LinkKeysMigrationTest.class.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> call.on(method, args)));
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
  }
}
