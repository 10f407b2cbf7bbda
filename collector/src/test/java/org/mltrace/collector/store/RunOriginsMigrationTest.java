package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V053 (PostgreSQL): a database whose runs keep their origin (method, agent, host, process, thread,
 * code version, commit) in their own row upgrades in place to run_rows, whose runs name a shared
 * row of run_origins, and a view component_runs with the old columns, types, order and rows. Runs
 * of one origin share its key and runs that differ in any one part (thread, pid, code version, a
 * NULL commit, an empty thread, U+0001 where another has NULL, U+001E where another has U+0002
 * U+0006) do not; a run without any origin part has none. The views over the runs answer the same
 * rows; SQL written by hand still inserts, updates and deletes through component_runs; a query that
 * reads no origin column does not join run_origins; and migrating again does nothing.
 */
class RunOriginsMigrationTest {
  /** The parts of an origin, in the order of component_runs' columns. */
  private record Origin(
      String method,
      String agentId,
      String host,
      Long pid,
      String thread,
      String codeVersion,
      String gitCommit) {
    boolean none() {
      return method == null
          && agentId == null
          && host == null
          && pid == null
          && thread == null
          && codeVersion == null
          && gitCommit == null;
    }

    Origin thread(String t) {
      return new Origin(method, agentId, host, pid, t, codeVersion, gitCommit);
    }

    Origin pid(long p) {
      return new Origin(method, agentId, host, p, thread, codeVersion, gitCommit);
    }

    Origin codeVersion(String v) {
      return new Origin(method, agentId, host, pid, thread, v, gitCommit);
    }

    Origin gitCommit(String g) {
      return new Origin(method, agentId, host, pid, thread, codeVersion, g);
    }

    Origin method(String m) {
      return new Origin(m, agentId, host, pid, thread, codeVersion, gitCommit);
    }

    Origin agentId(String a) {
      return new Origin(method, a, host, pid, thread, codeVersion, gitCommit);
    }
  }

  /** One run as written at V052: its origin and whether it has values. */
  private record Run(String id, Origin origin, boolean values) {}

  private static final Origin MAIN =
      new Origin(
          "public double com.example.Train.fit(java.util.List<java.lang.Double>, int)",
          "agent-1",
          "host-a",
          4242L,
          "main",
          "sha256:c0de",
          "0123456789abcdef0123456789abcdef01234567");

  /** Several parts NULL. */
  private static final Origin SPARSE = new Origin("m()", null, null, null, "main", null, null);

  private static final Origin NONE = new Origin(null, null, null, null, null, null, null);

  /** The text parts hold the signature's separator U+001E, its NULL mark and escape character. */
  private static final Origin EVIL =
      new Origin(
          "a\u001eb\u0001c\u0002d",
          "\u0001",
          "\u0002\u0006",
          -1L,
          "\u001e",
          "\u001e\u001e",
          "x\u0002\u0006\u001ey");

  /** A method longer than a btree index entry can be (about 2,700 bytes). */
  private static final String LONG_METHOD = longMethod();

  private static String longMethod() {
    StringBuilder b = new StringBuilder("public void com.example.Wide.run(");
    for (int i = 0; b.length() < 3_500; i++) {
      b.append(i == 0 ? "" : ", ")
          .append("java.util.Map<java.lang.String, ü")
          .append(i)
          .append('>');
    }
    return b.append(')').toString();
  }

  private static final List<Run> RUNS =
      List.of(
          new Run("a1", MAIN, true),
          // The same origin: the same key.
          new Run("a2", MAIN, true),
          new Run("a3", MAIN, false),
          // Differing in one part only: other keys.
          new Run("t1", MAIN.thread("worker-1"), true),
          new Run("t2", MAIN.thread(""), false),
          new Run("t3", MAIN.thread(null), false),
          new Run("p1", MAIN.pid(4243), false),
          new Run("c1", MAIN.codeVersion("sha256:c0df"), true),
          new Run("g1", MAIN.gitCommit(null), false),
          new Run("g2", MAIN.gitCommit(null), true),
          new Run("s1", SPARSE, false),
          new Run("s2", SPARSE, true),
          // U+0001 is the signature's NULL mark: the same signature as SPARSE, another origin.
          new Run("s3", SPARSE.agentId("\u0001"), false),
          new Run("z1", NONE, false),
          new Run("z2", NONE, true),
          new Run("e1", EVIL, true),
          new Run("e2", EVIL, false),
          // U+001E is written U+0002 U+0006 in the signature: the same signature as e1's.
          new Run("e3", EVIL.method("a\u0002\u0006b\u0001c\u0002d"), false),
          new Run("e4", EVIL.method("a\u0002\u0006b\u0001c\u0002d").thread("\u0002\u0006"), false),
          new Run("l1", MAIN.method(LONG_METHOD), true),
          new Run("l2", MAIN.method(LONG_METHOD), false),
          new Run("l3", MAIN.method(LONG_METHOD + "x"), false));

  /** The views over the runs, each with the order its rows are compared in. */
  private static final Map<String, String> VIEWS = views();

  private static Map<String, String> views() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("component_runs", "id");
    out.put("run_inputs", "run_id, position");
    out.put("run_outputs", "run_id, position");
    out.put("run_value_summaries", "run_id, direction, position");
    out.put("run_reads", "run_id, position, pointer_id");
    out.put("run_writes", "run_id, position, pointer_id");
    out.put("run_dependencies", "run_id, pointer_id, depends_on_run_id");
    return out;
  }

  private static final List<String> ORIGIN_COLUMNS =
      List.of("method", "agent_id", "host", "pid", "thread", "code_version", "git_commit");

  @Test
  void componentRunsReadsAndWritesAsBeforeWithOriginsStoredOnce() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "52");
      Map<String, List<String>> before;
      List<String> indexes;
      long distinctOrigins;
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("052"),
            rows(
                st,
                "SELECT version FROM flyway_schema_history WHERE success"
                    + " ORDER BY installed_rank DESC LIMIT 1"));
        writeTheV052Way(c);
        before = snapshot(c);
        indexes =
            rows(
                st,
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = 'component_runs' ORDER BY indexname");
        distinctOrigins =
            count(
                st,
                "SELECT COUNT(*) FROM (SELECT DISTINCT method, agent_id, host, pid, thread,"
                    + " code_version, git_commit FROM component_runs WHERE NOT (method IS NULL"
                    + " AND agent_id IS NULL AND host IS NULL AND pid IS NULL AND thread IS NULL"
                    + " AND code_version IS NULL AND git_commit IS NULL)) o");
      }
      // What was written: every run, each view with rows, every origin part as given.
      assertEquals(1 + RUNS.size(), before.get("component_runs").size(), "header and runs");
      for (String view : VIEWS.keySet()) {
        assertTrue(before.get(view).size() > 1, view + " has rows: " + before.get(view));
      }
      Set<Origin> origins = new HashSet<>();
      for (Run run : RUNS) {
        if (!run.origin().none()) {
          origins.add(run.origin());
        }
      }
      assertEquals(origins.size(), distinctOrigins, "the origins written");
      assertTrue(indexes.contains("component_runs_pkey"), "indexes: " + indexes);
      assertTrue(indexes.size() >= 4, "indexes: " + indexes);

      JdbcUrl parsed = JdbcUrl.parse(url);
      SchemaMigrator.migrate(parsed, parsed.effective());

      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("VIEW"),
            rows(
                st,
                "SELECT table_type FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name = 'component_runs'"));
        for (Run run : RUNS) {
          assertEquals(run.origin(), origin(c, run.id()), run.id() + ": its origin as written");
        }

        // 1. component_runs and the views over the runs: same columns, types, order and rows.
        Map<String, List<String>> after = snapshot(c);
        for (String view : VIEWS.keySet()) {
          assertEquals(before.get(view), after.get(view), view);
        }
        assertEquals(before, after);

        // 2. run_rows without the origin's columns; one run_origins row per origin, shared.
        List<String> columns =
            rows(
                st,
                "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = 'run_rows'"
                    + " ORDER BY ordinal_position");
        assertTrue(columns.contains("origin_key"), "run_rows: " + columns);
        assertTrue(columns.contains("run_key"), "run_rows: " + columns);
        for (String column : ORIGIN_COLUMNS) {
          assertFalse(columns.contains(column), "run_rows has no " + column + ": " + columns);
        }
        Map<String, Integer> keys = originKeys(st);
        assertEquals(RUNS.size(), keys.size(), "runs: " + keys);
        for (Run a : RUNS) {
          if (a.origin().none()) {
            assertNull(keys.get(a.id()), a.id() + " has no origin");
            continue;
          }
          assertNotNull(keys.get(a.id()), a.id());
          for (Run b : RUNS) {
            if (a == b || b.origin().none()) {
              continue;
            }
            if (a.origin().equals(b.origin())) {
              assertEquals(keys.get(a.id()), keys.get(b.id()), a.id() + " and " + b.id());
            } else {
              assertNotEquals(keys.get(a.id()), keys.get(b.id()), a.id() + " and " + b.id());
            }
          }
        }
        assertEquals(
            0,
            count(
                st,
                "SELECT COUNT(*) FROM run_origins WHERE method IS NULL AND agent_id IS NULL"
                    + " AND host IS NULL AND pid IS NULL AND thread IS NULL"
                    + " AND code_version IS NULL AND git_commit IS NULL"),
            "no origin of only NULLs");
        assertEquals(origins.size(), count(st, "SELECT COUNT(*) FROM run_origins"), "origins");
        assertEquals(
            indexes,
            rows(
                st,
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = 'run_rows' ORDER BY indexname"),
            "the old table's indexes, on run_rows");

        // 4. A query that reads no origin column leaves run_origins out (join removal).
        st.execute("ANALYZE run_rows");
        st.execute("ANALYZE run_origins");
        String plan =
            String.join(
                "\n",
                rows(
                    st, "EXPLAIN SELECT id, start_time FROM component_runs WHERE component = 'x'"));
        assertFalse(plan.contains("run_origins"), plan);
        assertTrue(plan.contains("run_rows"), plan);
        plan =
            String.join(
                "\n", rows(st, "EXPLAIN SELECT run_id, position, pointer_id FROM run_reads"));
        assertFalse(plan.contains("run_origins"), plan);
        plan =
            String.join(
                "\n",
                rows(st, "EXPLAIN SELECT id, thread FROM component_runs WHERE component = 'x'"));
        assertTrue(plan.contains("run_origins"), "a query that reads the thread joins: " + plan);
      }

      // 3. SQL written by hand inserts, updates and deletes through component_runs.
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        writeThroughTheView(c, st, origins.size());
      }

      // 5. Migrating again does nothing.
      Map<String, List<String>> written;
      try (Connection c = DriverManager.getConnection(direct)) {
        written = snapshot(c);
      }
      MigrateResult again = OlderSchema.again(url);
      assertEquals(0, again.migrationsExecuted, "nothing left to migrate");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("true"),
            rows(
                st,
                "SELECT success FROM flyway_schema_history WHERE version = '053'"
                    + " AND script = 'V053__run_origins.sql'"));
        assertEquals(written, snapshot(c));
      }
    } finally {
      schema.drop();
    }
  }

  /** Runs written by hand through the view, and what they leave in run_rows and run_origins. */
  private static void writeThroughTheView(Connection c, Statement st, long origins)
      throws SQLException {
    Map<String, Integer> keys = originKeys(st);
    long runs = count(st, "SELECT COUNT(*) FROM run_rows");
    long maxRunKey = count(st, "SELECT max(run_key) FROM run_rows");

    // An existing origin: its key, no new row; a fresh run_key and unrecorded_before 0.
    insert(c, "w1", MAIN);
    assertEquals(origins, count(st, "SELECT COUNT(*) FROM run_origins"), "an existing origin");
    assertEquals(keys.get("a1"), originKeys(st).get("w1"), "a1's origin");
    assertEquals(
        List.of("0|true"),
        rows(
            st,
            "SELECT unrecorded_before, run_key = currval('run_keys') FROM component_runs"
                + " WHERE id = 'w1'"));
    assertTrue(
        count(st, "SELECT run_key FROM run_rows WHERE id = 'w1'") > maxRunKey,
        "a run_key from the sequence");
    assertEquals(MAIN, origin(c, "w1"));
    assertEquals(
        List.of("w1|train|2026-01-02T10:00:00Z|2026-01-02T10:00:01Z|null|ok|null|null|null"),
        rows(
            st,
            "SELECT id, component, start_time, end_time, duration_nanos, status, error_class,"
                + " value_template, value_entries FROM component_runs WHERE id = 'w1'"));

    // A new origin: one row more.
    Origin fresh = EVIL.thread("fresh\u001e").pid(7);
    insert(c, "w2", fresh);
    assertEquals(origins + 1, count(st, "SELECT COUNT(*) FROM run_origins"), "a new origin");
    Integer w2 = originKeys(st).get("w2");
    assertNotNull(w2);
    assertFalse(keys.containsValue(w2), "a new key: " + w2 + " " + keys);
    assertEquals(fresh, origin(c, "w2"));
    // The same new origin again: found.
    insert(c, "w3", fresh);
    assertEquals(origins + 1, count(st, "SELECT COUNT(*) FROM run_origins"), "found");
    assertEquals(w2, originKeys(st).get("w3"));
    // No origin: none.
    insert(c, "w4", NONE);
    assertEquals(origins + 1, count(st, "SELECT COUNT(*) FROM run_origins"), "none stored");
    assertNull(originKeys(st).get("w4"));
    assertEquals(NONE, origin(c, "w4"));
    // Every column given.
    st.execute(
        "INSERT INTO component_runs (id, component, method, agent_id, host, pid, thread,"
            + " start_time, end_time, duration_nanos, code_version, git_commit, status,"
            + " error_class, error_message, ingested_at, unrecorded_before, run_key,"
            + " value_template, value_entries) VALUES ('w5', 'train', 'm()', NULL, NULL, NULL,"
            + " 'main', TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:00+00',"
            + " TIMESTAMP WITH TIME ZONE '2026-01-03 10:00:02+00', 2000000000, NULL, NULL,"
            + " 'failed', 'java.io.IOException', 'disk', TIMESTAMP WITH TIME ZONE"
            + " '2026-01-03 10:00:03+00', 5, 77, NULL, 'e')");
    assertEquals(
        List.of(
            "w5|train|m()|null|null|null|main|2026-01-03T10:00:00Z|2026-01-03T10:00:02Z"
                + "|2000000000|null|null|failed|java.io.IOException|disk|2026-01-03T10:00:03Z"
                + "|5|77|null|e"),
        rows(st, "SELECT * FROM component_runs WHERE id = 'w5'"));
    assertEquals(keys.get("s1"), originKeys(st).get("w5"), "s1's origin");
    assertEquals(runs + 5, count(st, "SELECT COUNT(*) FROM run_rows"), "five runs more");

    // An update of the thread changes that run's origin key and no other run's.
    keys = originKeys(st);
    update(st, "UPDATE component_runs SET thread = 'worker-1' WHERE id = 'w1'", "w1");
    assertEquals(keys.get("t1"), originKeys(st).get("w1"), "t1's origin");
    assertEquals(MAIN.thread("worker-1"), origin(c, "w1"));
    assertEquals(origins + 1, count(st, "SELECT COUNT(*) FROM run_origins"), "an existing one");

    keys = originKeys(st);
    update(st, "UPDATE component_runs SET thread = 'brand new' WHERE id = 'a2'", "a2");
    assertEquals(origins + 2, count(st, "SELECT COUNT(*) FROM run_origins"), "a new origin");
    Integer a2 = originKeys(st).get("a2");
    assertNotNull(a2);
    assertFalse(keys.containsValue(a2), "a new key: " + a2 + " " + keys);
    assertEquals(MAIN.thread("brand new"), origin(c, "a2"));

    // An update of the status keeps everything else.
    List<String> a1 = rows(st, "SELECT * FROM component_runs WHERE id = 'a1'");
    assertEquals(1, a1.size());
    assertTrue(a1.get(0).contains("|ok|"), a1.toString());
    update(st, "UPDATE component_runs SET status = 'failed' WHERE id = 'a1'", "a1");
    assertEquals(
        List.of(a1.get(0).replace("|ok|", "|failed|")),
        rows(st, "SELECT * FROM component_runs WHERE id = 'a1'"));
    assertEquals(List.of("failed"), rows(st, "SELECT status FROM run_rows WHERE id = 'a1'"));
    assertEquals(keys.get("a1"), originKeys(st).get("a1"));

    // A delete removes the run's row.
    assertEquals(1, st.executeUpdate("DELETE FROM component_runs WHERE id = 'w3'"));
    assertEquals(0, count(st, "SELECT COUNT(*) FROM run_rows WHERE id = 'w3'"));
    assertEquals(0, count(st, "SELECT COUNT(*) FROM component_runs WHERE id = 'w3'"));
    assertEquals(runs + 4, count(st, "SELECT COUNT(*) FROM run_rows"), "one run less");
    assertEquals(List.of("w2"), rows(st, "SELECT id FROM run_rows WHERE origin_key = " + w2));
  }

  /** Runs {@code sql}, an update of run {@code id}; asserts that no other run changed. */
  private static void update(Statement st, String sql, String id) throws SQLException {
    QueryRows.updateOnly(
        st,
        sql,
        id,
        "SELECT * FROM component_runs ORDER BY id",
        "SELECT id, origin_key FROM run_rows");
  }

  /** A run of {@code origin} written by hand without run_key, unrecorded_before or values. */
  private static void insert(Connection c, String id, Origin origin) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO component_runs (id, component, method, agent_id, host, pid, thread,"
                + " code_version, git_commit, start_time, end_time, status, ingested_at)"
                + " VALUES (?, 'train', ?, ?, ?, ?, ?, ?, ?,"
                + " TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:01+00', 'ok',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:02+00')")) {
      ps.setString(1, id);
      setOrigin(ps, 2, origin);
      assertEquals(1, ps.executeUpdate(), id);
    }
  }

  private static void setOrigin(PreparedStatement ps, int first, Origin o) throws SQLException {
    ps.setString(first, o.method());
    ps.setString(first + 1, o.agentId());
    ps.setString(first + 2, o.host());
    if (o.pid() == null) {
      ps.setNull(first + 3, Types.BIGINT);
    } else {
      ps.setLong(first + 3, o.pid());
    }
    ps.setString(first + 4, o.thread());
    ps.setString(first + 5, o.codeVersion());
    ps.setString(first + 6, o.gitCommit());
  }

  /** A run's origin as component_runs gives it. */
  private static Origin origin(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT method, agent_id, host, pid, thread, code_version, git_commit"
                + " FROM component_runs WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), id);
        long pid = rs.getLong(4);
        Long p = rs.wasNull() ? null : pid;
        Origin o =
            new Origin(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                p,
                rs.getString(5),
                rs.getString(6),
                rs.getString(7));
        assertFalse(rs.next(), id);
        return o;
      }
    }
  }

  /** Each run's origin_key in run_rows (null when it has none). */
  private static Map<String, Integer> originKeys(Statement st) throws SQLException {
    return QueryRows.keysById(st, "SELECT id, origin_key FROM run_rows");
  }

  /** One value's 8 entries (V025): name, kind, text, class, size, type, modified, fingerprint. */
  private static String[] value(String name, String kind, String text, String size, String fp) {
    return new String[] {name, kind, text, "java.lang.Object", size, null, null, fp};
  }

  private static String[] join(String[]... parts) {
    List<String> out = new ArrayList<>();
    for (String[] p : parts) {
      out.addAll(Arrays.asList(p));
    }
    return out.toArray(new String[0]);
  }

  /**
   * The runs as the collector stored them at V052, written by SQL (values through V052's functions
   * over V050's text), the pointers they read and wrote and the dependencies between them.
   */
  private static void writeTheV052Way(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO components (name) VALUES ('train')");
      for (String p : List.of("/d/in.csv", "/d/mid.csv", "/d/out.csv")) {
        st.execute(
            "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES ('"
                + p
                + "', 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 09:00:00+00')");
      }
    }
    String values =
        "mltrace_entries_text(CAST(? AS TEXT[])), mltrace_entries_text(CAST(? AS TEXT[])),"
            + " mltrace_entries_text(CAST(? AS TEXT[]))";
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO component_runs (id, component, method, agent_id, host, pid, thread,"
                + " start_time, end_time, duration_nanos, code_version, git_commit, status,"
                + " error_class, error_message, ingested_at, value_template, value_entries)"
                + " VALUES (?, 'train', ?, ?, ?, ?, ?,"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00' + ? * INTERVAL '1 minute',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00' + ? * INTERVAL '1 minute',"
                + " ?, ?, ?, ?, ?, ?, TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:02+00',"
                + " mltrace_value_template("
                + values
                + "), mltrace_value_entries("
                + values
                + "))")) {
      int i = 0;
      for (Run run : RUNS) {
        ps.setString(1, run.id());
        ps.setString(2, run.origin().method());
        ps.setString(3, run.origin().agentId());
        ps.setString(4, run.origin().host());
        if (run.origin().pid() == null) {
          ps.setNull(5, Types.BIGINT);
        } else {
          ps.setLong(5, run.origin().pid());
        }
        ps.setString(6, run.origin().thread());
        ps.setInt(7, i);
        ps.setInt(8, i);
        if (i % 3 == 0) {
          ps.setNull(9, Types.BIGINT);
        } else {
          ps.setLong(9, 1_000_000L * i);
        }
        ps.setString(10, run.origin().codeVersion());
        ps.setString(11, run.origin().gitCommit());
        ps.setString(12, i % 4 == 1 ? "failed" : "ok");
        ps.setString(13, i % 4 == 1 ? "java.lang.IllegalStateException" : null);
        ps.setString(14, i % 4 == 1 ? "bad \u001e state" : null);
        String[][] arrays = {null, null, null};
        if (run.values()) {
          arrays[0] =
              join(
                  value("path", "POINTER", "/d/in.csv", "12", "xxh64:" + i),
                  value("n", "LONG", String.valueOf(i), null, null));
          arrays[1] = i % 2 == 0 ? value("return", "DOUBLE", "0." + i, null, null) : null;
          arrays[2] =
              new String[] {
                "input",
                "1",
                "number",
                "all",
                "3",
                "3",
                "0",
                "0",
                "1.0",
                "3.0",
                "2.0",
                "0.5",
                String.valueOf(i)
              };
        }
        for (int k = 0; k < 6; k++) {
          String[] a = arrays[k % 3];
          if (a == null) {
            ps.setNull(15 + k, Types.ARRAY);
          } else {
            ps.setArray(15 + k, c.createArrayOf("text", a));
          }
        }
        ps.executeUpdate();
        i++;
      }
    }
    try (Statement st = c.createStatement()) {
      String run = "(SELECT run_key FROM component_runs WHERE id = '%s')";
      String pointer = "(SELECT pointer_key FROM io_pointers WHERE identifier = '%s')";
      for (String[] read :
          new String[][] {
            {"a1", "/d/in.csv", "0"},
            {"a2", "/d/in.csv", "0"},
            {"e1", "/d/mid.csv", "1"},
            {"z1", "/d/mid.csv", "0"},
            {"l1", "/d/in.csv", "0"}
          }) {
        st.execute(
            "INSERT INTO run_read_keys (pointer_key, run_key, position, name, fingerprint)"
                + " VALUES ("
                + String.format(pointer, read[1])
                + ", "
                + String.format(run, read[0])
                + ", "
                + read[2]
                + ", 'path', 'xxh64:"
                + read[0]
                + "')");
      }
      for (String[] write :
          new String[][] {{"t1", "/d/mid.csv"}, {"z2", "/d/mid.csv"}, {"e2", "/d/out.csv"}}) {
        st.execute(
            "INSERT INTO run_write_keys (pointer_key, end_time, run_key, position, fingerprint)"
                + " SELECT "
                + String.format(pointer, write[1])
                + ", end_time, run_key, 0, NULL FROM component_runs WHERE id = '"
                + write[0]
                + "'");
      }
      for (String[] dependency :
          new String[][] {{"e1", "/d/mid.csv", "t1"}, {"z1", "/d/mid.csv", "z2"}}) {
        st.execute(
            "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key) VALUES ("
                + String.format(run, dependency[0])
                + ", "
                + String.format(pointer, dependency[1])
                + ", "
                + String.format(run, dependency[2])
                + ")");
      }
    }
  }

  /** component_runs and each view over the runs: its columns with their types, then its rows. */
  private static Map<String, List<String>> snapshot(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      Map<String, List<String>> out = QueryRows.snapshot(st, VIEWS);
      assertTrue(out.values().stream().allMatch(Objects::nonNull));
      return out;
    }
  }
}
