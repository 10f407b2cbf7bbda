package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V054 (PostgreSQL): a database written by the release before it (V053), with runs 'ok' and
 * 'failed', with and without unrecorded calls, and artifact snapshots, upgrades in place. Every
 * run, snapshot and pointer reads the same; run_rows keeps its indexes and artifact_snapshots its
 * foreign key; status 'ok' and unrecorded_before 0 written from then on, by hand through the view
 * or by the collector, are stored as NULL and read as before; pointer identifiers are found through
 * a plain hash index (the exclusion constraint is gone: the collector stores each identifier once,
 * which the collector's own writes here check); the indexes whose keys only grow fill their pages;
 * and migrating again, or running the migration's statements again, changes nothing.
 */
class PointerHashDefaultsMigrationTest {
  private static final String MIGRATION =
      "db/migration/postgres/V054__pointer_hash_plain_defaults_as_null.sql";

  /**
   * Runs written the V053 way by one statement: enough that PostgreSQL reads a run by id through an
   * index rather than the whole table, with no planner setting forced.
   */
  private static final int GENERATED = 20_000;

  /** What must read the same after the upgrade, each in a fixed order. */
  private static final Map<String, String> TABLES = tables();

  private static Map<String, String> tables() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("component_runs", "id");
    out.put("artifact_snapshots", "run_id, direction, name");
    out.put("io_pointers", "identifier");
    return out;
  }

  /** The indexes that V054 fills to 100%. */
  private static final List<String> FULL_INDEXES =
      List.of(
          "component_runs_by_key",
          "io_pointers_by_identifier",
          "io_pointers_by_key",
          "run_dependency_keys_pkey");

  private static final String T = "TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00'";

  @Test
  void defaultsStoredAsNullPointersByPlainHashAndEveryRowReadsTheSame() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "53");
      Map<String, List<String>> before;
      List<String> viewDefaults;
      List<String> runIndexes;
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("053"),
            rows(
                st,
                "SELECT version FROM flyway_schema_history WHERE success"
                    + " ORDER BY installed_rank DESC LIMIT 1"));
        writeTheV053Way(c, st);
        before = QueryRows.snapshot(st, TABLES);
        viewDefaults = viewDefaults(st);
        runIndexes = runIndexes(st);
        // What was written: both statuses, both kinds of unrecorded_before, snapshots; the key.
        assertEquals(
            List.of("failed|false|1009", "failed|true|169", "ok|false|16136", "ok|true|2690"),
            rows(
                st,
                "SELECT status, unrecorded_before > 0, COUNT(*) FROM run_rows"
                    + " GROUP BY 1, 2 ORDER BY 1, 2"));
        assertEquals(5, count(st, "SELECT COUNT(*) FROM artifact_snapshots"));
        assertTrue(runIndexes.contains("component_runs_pkey"), runIndexes.toString());
        assertEquals(
            List.of("artifact_snapshots_run_id_fkey"),
            rows(
                st,
                "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    + " AND conrelid = 'artifact_snapshots'::regclass"));
      }

      JdbcUrl parsed = JdbcUrl.parse(url);
      OlderSchema.upTo(url, "54"); // V054 itself; the collector below takes it further

      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("054"),
            rows(
                st,
                "SELECT version FROM flyway_schema_history WHERE success"
                    + " ORDER BY installed_rank DESC LIMIT 1"));

        // 1. Every run, snapshot and pointer reads as before: columns, types and values.
        Map<String, List<String>> after = QueryRows.snapshot(st, TABLES);
        for (String table : TABLES.keySet()) {
          assertEquals(before.get(table), after.get(table), table);
        }
        assertEquals(viewDefaults, viewDefaults(st), "component_runs' defaults");
        assertEquals(
            0,
            count(
                st,
                "SELECT COUNT(*) FROM run_rows WHERE status IS NULL OR unrecorded_before IS NULL"),
            "runs stored earlier keep their values");
        assertEquals(
            List.of("status|false|null", "unrecorded_before|false|null"),
            rows(
                st,
                "SELECT attname, attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid = 'run_rows'::regclass"
                    + " AND attname IN ('status', 'unrecorded_before') ORDER BY attname"),
            "run_rows: NULL allowed, no default");

        // 2. Run ids keep their primary key, snapshots their foreign key.
        assertEquals(runIndexes, runIndexes(st), "run_rows' indexes");
        assertEquals(
            List.of("artifact_snapshots_run_id_fkey"),
            rows(
                st,
                "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                    + " AND conrelid = 'artifact_snapshots'::regclass"));

        // 4. Full pages; pointers found through a plain hash index.
        fullIndexesAndPointersByPlainHash(st);
      }

      // 3. Written by hand through the view: 'ok' and 0 stored as NULL, read as before.
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        defaultsAsNullThroughTheView(st);
      }

      // 5. The migration's statements run again without a change (an interrupted migration is
      // retried from its first statement).
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        Map<String, List<String>> written = QueryRows.snapshot(st, TABLES);
        List<String> shape = shape(st);
        st.execute(migrationText());
        assertEquals(written, QueryRows.snapshot(st, TABLES));
        assertEquals(shape, shape(st), "the migration run a second time");
      }

      // The collector's own writes and reads on the upgraded database (migrated to the latest).
      storedByTheCollector(url, direct);
      MigrateResult again =
          Flyway.configure(PointerHashDefaultsMigrationTest.class.getClassLoader())
              .dataSource(parsed.effective(), null, null)
              .locations(SchemaMigrator.locations(parsed))
              .load()
              .migrate();
      assertEquals(0, again.migrationsExecuted, "nothing left to migrate");
    } finally {
      schema.drop();
    }
  }

  /**
   * The foreign key refused to change the id of a run that has snapshots (and still does on H2).
   * V054's triggers check inserts and updates of artifact_snapshots and deletes of runs, not an
   * update of a run's id, which component_runs' trigger writes through: the snapshots are left
   * naming no run.
   */
  @Test
  void theIdOfARunWithSnapshotsStaysAsUnderTheForeignKey() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "53");
      String[] renames = {
        "UPDATE run_rows SET id = 'renamed' WHERE id = 'r1'",
        "UPDATE component_runs SET id = 'renamed' WHERE id = 'r1'"
      };
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO components (name) VALUES ('train')");
        st.execute(
            "INSERT INTO run_rows (id, component, start_time, end_time, status, ingested_at)"
                + " VALUES ('r1', 'train', "
                + T
                + ", "
                + T
                + ", 'ok', "
                + T
                + ")");
        insertSnapshot(st, "r1", "output", "model");
        for (String rename : renames) {
          assertEquals("23503", failure(st, rename), "V053: " + rename);
        }
      }
      JdbcUrl parsed = JdbcUrl.parse(url);
      SchemaMigrator.migrate(parsed, parsed.effective());
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        for (String rename : renames) {
          assertEquals("23503", failure(st, rename), "V054: " + rename);
          assertEquals(
              List.of("r1|1"),
              rows(
                  st,
                  "SELECT s.run_id, COUNT(r.id) FROM artifact_snapshots s"
                      + " LEFT JOIN run_rows r ON r.id = s.run_id GROUP BY s.run_id"));
        }
      }
    } finally {
      schema.drop();
    }
  }

  /**
   * As the collector of V053 stored them (COPY into run_rows, 'ok' and 0 written out), many runs; a
   * few written by hand through component_runs; snapshots of some; pointers.
   */
  private static void writeTheV053Way(Connection c, Statement st) throws SQLException {
    st.execute("INSERT INTO components (name) VALUES ('train'), ('eval')");
    st.execute(
        "INSERT INTO io_pointers (identifier, pointer_type, first_seen)"
            + " VALUES ('/d/a.csv', 'data', "
            + T
            + "), ('/d/model.bin', 'model', "
            + T
            + ")");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO component_runs (id, component, method, agent_id, host, pid, thread,"
                + " start_time, end_time, duration_nanos, code_version, git_commit, status,"
                + " error_class, error_message, ingested_at, unrecorded_before)"
                + " VALUES (?, 'train', 'public void T.fit()', 'agent-1', 'host-a', 4242, 'main', "
                + T
                + ", "
                + T
                + " + INTERVAL '1 second', 1000000000, 'v1', NULL, ?, ?, ?, "
                + T
                + " + INTERVAL '2 seconds', ?)")) {
      Object[][] runs = {
        {"h-ok", "ok", null, null, 0L},
        {"h-failed", "failed", "java.lang.IllegalStateException", "bad", 0L},
        {"h-unrecorded", "ok", null, null, 12L},
        {"h-failed-unrecorded", "failed", "java.io.IOException", "disk", 3L}
      };
      for (Object[] r : runs) {
        ps.setString(1, (String) r[0]);
        ps.setString(2, (String) r[1]);
        ps.setString(3, (String) r[2]);
        ps.setString(4, (String) r[3]);
        ps.setLong(5, (Long) r[4]);
        assertEquals(1, ps.executeUpdate(), (String) r[0]);
      }
    }
    // Ids not in text order (g-1, g-2, ..., g-10, ...), as an agent's arrive.
    st.execute(
        "INSERT INTO run_rows (id, component, start_time, end_time, duration_nanos, status,"
            + " error_class, error_message, ingested_at, unrecorded_before, origin_key)"
            + " SELECT 'g-' || i, CASE WHEN i % 2 = 0 THEN 'train' ELSE 'eval' END,"
            + T
            + " + i * INTERVAL '1 second', "
            + T
            + " + i * INTERVAL '1 second' + INTERVAL '500 milliseconds',"
            + " CASE WHEN i % 11 = 0 THEN NULL ELSE 500000000 END,"
            + " CASE WHEN i % 17 = 0 THEN 'failed' ELSE 'ok' END,"
            + " CASE WHEN i % 17 = 0 THEN 'java.lang.RuntimeException' END,"
            + " CASE WHEN i % 17 = 0 THEN 'boom ' || i END, "
            + T
            + " + i * INTERVAL '1 second' + INTERVAL '1 second',"
            + " CASE WHEN i % 7 = 0 THEN i % 50 + 1 ELSE 0 END,"
            + " CASE WHEN i % 3 = 0 THEN NULL"
            + " ELSE (SELECT origin_key FROM run_rows WHERE id = 'h-ok') END"
            + " FROM generate_series(1, "
            + GENERATED
            + ") i");
    insertSnapshot(st, "h-ok", "input", "data");
    insertSnapshot(st, "h-ok", "output", "model");
    insertSnapshot(st, "h-failed", "input", "data");
    insertSnapshot(st, "g-10", "output", "model");
    insertSnapshot(st, "g-14", "output", "model");
  }

  private static void insertSnapshot(Statement st, String runId, String direction, String name)
      throws SQLException {
    st.execute(snapshotInsert(runId, direction, name));
  }

  private static String snapshotInsert(String runId, String direction, String name) {
    return "INSERT INTO artifact_snapshots (run_id, direction, name, pointer_id, status,"
        + " content_hash, size, store_host, store_dir, copied_at) VALUES ('"
        + runId
        + "', '"
        + direction
        + "', '"
        + name
        + "', '/d/"
        + name
        + "', 'stored', 'sha256:00', 12, 'host-a', '/store', "
        + T
        + ")";
  }

  private static void fullIndexesAndPointersByPlainHash(Statement st) throws SQLException {
    List<String> expected = new ArrayList<>();
    for (String index : FULL_INDEXES) {
      expected.add(index + "|[fillfactor=100]");
    }
    assertEquals(
        expected,
        rows(
            st,
            "SELECT relname, reloptions FROM pg_class"
                + " WHERE relnamespace = current_schema()::regnamespace AND relname IN ('"
                + String.join("', '", FULL_INDEXES)
                + "') ORDER BY relname"));
    assertEquals(
        0,
        count(
            st,
            "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'io_pointers_identifier_unique'"
                + " AND connamespace = current_schema()::regnamespace"),
        "the exclusion constraint is gone");
    assertEquals(
        List.of("io_pointers_by_identifier|hash|false|identifier"),
        rows(
            st,
            "SELECT i.relname, a.amname, x.indisunique, pg_get_indexdef(x.indexrelid, 1, true)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_am a ON a.oid = i.relam WHERE x.indrelid = 'io_pointers'::regclass"
                + " AND a.amname = 'hash'"));
    // The table itself takes a second row for an identifier: the collector stores each once (see
    // storedByTheCollector), docs/schema.md says so.
    st.execute(
        "INSERT INTO io_pointers (identifier, first_seen) VALUES ('/d/twice.csv', " + T + ")");
    st.execute(
        "INSERT INTO io_pointers (identifier, first_seen) VALUES ('/d/twice.csv', " + T + ")");
    assertEquals(
        2, count(st, "SELECT COUNT(*) FROM io_pointers WHERE identifier = '/d/twice.csv'"));
    st.execute("DELETE FROM io_pointers WHERE identifier = '/d/twice.csv'");
    assertEquals(2, count(st, "SELECT COUNT(*) FROM io_pointers"));
  }

  private static void defaultsAsNullThroughTheView(Statement st) throws SQLException {
    String columns =
        "INSERT INTO component_runs (id, component, method, thread, start_time, end_time,"
            + " status, error_class, ingested_at";
    String times = T + ", " + T + " + INTERVAL '1 second'";
    // unrecorded_before left to the view's default, 0.
    st.execute(
        columns
            + ") VALUES ('v-ok', 'train', 'm()', 'main', "
            + times
            + ", 'ok', NULL, "
            + T
            + ")");
    st.execute(
        columns
            + ", unrecorded_before) VALUES ('v-ok-0', 'train', NULL, NULL, "
            + times
            + ", 'ok', NULL, "
            + T
            + ", 0)");
    st.execute(
        columns
            + ", unrecorded_before) VALUES ('v-failed-7', 'eval', 'm()', 'main', "
            + times
            + ", 'failed', 'java.lang.Error', "
            + T
            + ", 7)");
    assertEquals(
        List.of("v-failed-7|failed|7", "v-ok|null|null", "v-ok-0|null|null"),
        rows(
            st,
            "SELECT id, status, unrecorded_before FROM run_rows WHERE id LIKE 'v-%' ORDER BY id"),
        "stored");
    assertEquals(
        List.of(
            "v-failed-7|eval|m()|main|failed|java.lang.Error|7",
            "v-ok|train|m()|main|ok|null|0",
            "v-ok-0|train|null|null|ok|null|0"),
        rows(
            st,
            "SELECT id, component, method, thread, status, error_class, unrecorded_before"
                + " FROM component_runs WHERE id LIKE 'v-%' ORDER BY id"),
        "read");

    // A status is still required.
    assertEquals(
        "23502",
        failure(
            st,
            columns
                + ") VALUES ('v-null', 'train', NULL, NULL, "
                + times
                + ", NULL, NULL, "
                + T
                + ")"));
    assertEquals(
        "23502",
        failure(
            st,
            "INSERT INTO component_runs (id, component, start_time, end_time, ingested_at)"
                + " VALUES ('v-none', 'train', "
                + times
                + ", "
                + T
                + ")"),
        "no status given");
    assertEquals(
        "23502", failure(st, "UPDATE component_runs SET status = NULL WHERE id = 'v-failed-7'"));
    assertEquals(0, count(st, "SELECT COUNT(*) FROM run_rows WHERE id IN ('v-null', 'v-none')"));
    assertEquals(
        List.of("failed|7"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'v-failed-7'"));

    // Updates through the view: to 'ok' and 0, stored as NULL.
    assertEquals(
        1,
        st.executeUpdate(
            "UPDATE component_runs SET status = 'ok', error_class = NULL WHERE id = 'v-failed-7'"));
    assertEquals(
        List.of("null|7"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'v-failed-7'"));
    assertEquals(
        1,
        st.executeUpdate(
            "UPDATE component_runs SET unrecorded_before = 0 WHERE id = 'v-failed-7'"));
    assertEquals(
        List.of("null|null"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'v-failed-7'"));
    assertEquals(
        List.of("ok|0"),
        rows(st, "SELECT status, unrecorded_before FROM component_runs WHERE id = 'v-failed-7'"));
    // And back.
    assertEquals(
        1,
        st.executeUpdate(
            "UPDATE component_runs SET status = 'failed', unrecorded_before = 2"
                + " WHERE id = 'v-failed-7'"));
    assertEquals(
        List.of("failed|2"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'v-failed-7'"));
    // A run stored before, 'ok' and 0 written out: an update through the view keeps its values.
    List<String> old = rows(st, "SELECT * FROM component_runs WHERE id = 'g-1'");
    assertEquals(
        List.of("ok|0"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'g-1'"));
    assertEquals(
        1, st.executeUpdate("UPDATE component_runs SET duration_nanos = 7 WHERE id = 'g-1'"));
    assertEquals(
        List.of(old.get(0).replace("|500000000|", "|7|")),
        rows(st, "SELECT * FROM component_runs WHERE id = 'g-1'"));
    assertEquals(
        List.of("null|null"),
        rows(st, "SELECT status, unrecorded_before FROM run_rows WHERE id = 'g-1'"),
        "rewritten by the view's trigger");

    // Whether stored as 'ok' or NULL, as 0 or NULL: the same to a query of the view.
    assertEquals(
        count(st, "SELECT COUNT(*) FROM run_rows WHERE status IS NULL OR status = 'ok'"),
        count(st, "SELECT COUNT(*) FROM component_runs WHERE status = 'ok'"));
    assertEquals(
        count(st, "SELECT COUNT(*) FROM run_rows WHERE status = 'failed'"),
        count(st, "SELECT COUNT(*) FROM component_runs WHERE status = 'failed'"));
    assertEquals(
        count(
            st,
            "SELECT COUNT(*) FROM run_rows"
                + " WHERE unrecorded_before IS NULL OR unrecorded_before = 0"),
        count(st, "SELECT COUNT(*) FROM component_runs WHERE unrecorded_before = 0"));
    assertEquals(
        0,
        count(
            st,
            "SELECT COUNT(*) FROM component_runs WHERE status IS NULL"
                + " OR unrecorded_before IS NULL"));

    assertEquals(1, st.executeUpdate("DELETE FROM component_runs WHERE id = 'v-ok-0'"));
    assertEquals(0, count(st, "SELECT COUNT(*) FROM run_rows WHERE id = 'v-ok-0'"));
  }

  private static void storedByTheCollector(String url, String direct) throws SQLException {
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    List<RunEvent> runs =
        List.of(
            run("c-ok", "train").at(1, 2).reads("data", "/d/a.csv").build(),
            run("c-failed", "train")
                .at(3, 4)
                .failedWith("java.lang.IllegalStateException", "no data")
                .build(),
            run("c-unrecorded", "eval").at(5, 6).unrecordedBefore(5).build(),
            run("c-failed-unrecorded", "eval")
                .at(7, 8)
                .failedWith("java.io.IOException", "disk")
                .unrecordedBefore(9)
                .writes("model", "/d/model.bin", "model")
                .build());
    try (Database db = Database.open(url, Database.Access.EXISTING)) {
      JdbcIngestStore store = new JdbcIngestStore(db);
      store.inTransaction(
          tx -> {
            List<RunEvent> fresh = tx.withoutStored(runs);
            assertEquals(runs, fresh);
            tx.insertRuns(fresh, now);
            return null;
          });
      // Stored ids are found: none stored twice.
      assertEquals(
          List.of("c-new"),
          store
              .inTransaction(
                  tx ->
                      tx.withoutStored(
                          List.of(runs.get(0), run("c-new", "train").build(), runs.get(2))))
              .stream()
              .map(RunEvent::runId)
              .toList());
      boolean again = store.inTransaction(tx -> tx.insertRun(runs.get(1), now));
      assertFalse(again, "stored once");

      JdbcRunRepository repository = new JdbcRunRepository(db);
      RunRow ok = repository.findRun("c-ok").orElseThrow();
      assertEquals("ok", ok.status());
      assertEquals(0, ok.unrecordedBefore());
      assertEquals("agent-1", ok.agentId());
      RunRow failed = repository.findRun("c-failed").orElseThrow();
      assertEquals("failed", failed.status());
      assertEquals("java.lang.IllegalStateException", failed.errorClass());
      assertEquals(0, failed.unrecordedBefore());
      RunRow unrecorded = repository.findRun("c-unrecorded").orElseThrow();
      assertEquals("ok", unrecorded.status());
      assertEquals(5, unrecorded.unrecordedBefore());
      RunRow both = repository.findRun("c-failed-unrecorded").orElseThrow();
      assertEquals("failed", both.status());
      assertEquals(9, both.unrecordedBefore());

      // Snapshots recorded as the snapshot copier records them: in a unit of work it commits.
      JdbcArtifactStore artifacts = new JdbcArtifactStore(db);
      assertTrue(artifacts.wanted("c-failed-unrecorded", "output", "model"));
      UnitOfWork.run(
          db,
          UnitOfWork.Lock.NONE,
          UnitOfWork.End.COMMIT,
          "recording a snapshot",
          () -> {
            artifacts.insert(snapshotOf("c-failed-unrecorded", now));
            return null;
          });
      assertNotNull(artifacts.find("c-failed-unrecorded", "model").orElse(null));
      StoreException unknown =
          assertThrows(
              StoreException.class,
              () ->
                  UnitOfWork.run(
                      db,
                      UnitOfWork.Lock.NONE,
                      UnitOfWork.End.COMMIT,
                      "recording a snapshot",
                      () -> {
                        artifacts.insert(snapshotOf("c-missing", now));
                        return null;
                      }));
      assertEquals("23503", sqlState(unknown), unknown.toString());
    }
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(
          List.of(
              "c-failed|failed|null",
              "c-failed-unrecorded|failed|9",
              "c-ok|null|null",
              "c-unrecorded|null|5"),
          rows(
              st,
              "SELECT id, status, unrecorded_before FROM run_rows WHERE id LIKE 'c-%'"
                  + " ORDER BY id"),
          "stored by the collector: 'ok' and 0 as NULL");
      assertEquals(
          List.of(),
          rows(st, "SELECT identifier FROM io_pointers GROUP BY identifier HAVING COUNT(*) > 1"),
          "the collector found the pointers its runs read and wrote, and stored none twice");
      assertEquals(
          List.of(
              "c-failed|train|agent-1|failed|java.lang.IllegalStateException|no data|0",
              "c-failed-unrecorded|eval|agent-1|failed|java.io.IOException|disk|9",
              "c-ok|train|agent-1|ok|null|null|0",
              "c-unrecorded|eval|agent-1|ok|null|null|5"),
          rows(
              st,
              "SELECT id, component, agent_id, status, error_class, error_message,"
                  + " unrecorded_before FROM component_runs WHERE id LIKE 'c-%' ORDER BY id"),
          "read through component_runs");
      assertEquals("23503", failure(st, "DELETE FROM run_rows WHERE id = 'c-failed-unrecorded'"));
    }
  }

  private static ArtifactSnapshot snapshotOf(String runId, Instant now) {
    return new ArtifactSnapshot(
        runId,
        "output",
        "model",
        "/d/model.bin",
        "stored",
        "sha256:01",
        12L,
        "host-a",
        "/store",
        null,
        now);
  }

  /** The SQLSTATE of the first SQLException among the causes of {@code e}. */
  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s.getSQLState();
      }
    }
    return null;
  }

  /** The SQLSTATE that {@code sql} fails with (failing the test if it succeeds). */
  private static String failure(Statement st, String sql) {
    return assertThrows(SQLException.class, () -> st.execute(sql), sql).getSQLState();
  }

  /** run_rows' indexes, by name. */
  private static List<String> runIndexes(Statement st) throws SQLException {
    return rows(
        st,
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            + " AND tablename = 'run_rows' ORDER BY indexname");
  }

  /** component_runs' columns with their defaults, in order. */
  private static List<String> viewDefaults(Statement st) throws SQLException {
    return rows(
        st,
        "SELECT column_name, column_default FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = 'component_runs'"
            + " ORDER BY ordinal_position");
  }

  /**
   * What V054 makes: constraints, triggers and index options of the tables it changes, the
   * nullability of run_rows' columns and the definitions of the view and the functions.
   */
  private static List<String> shape(Statement st) throws SQLException {
    List<String> out = new ArrayList<>();
    out.addAll(
        rows(
            st,
            "SELECT conrelid::regclass, conname, contype, pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                + " AND conrelid IN ('run_rows'::regclass, 'artifact_snapshots'::regclass,"
                + " 'io_pointers'::regclass) ORDER BY 1, 2"));
    out.addAll(
        rows(
            st,
            "SELECT tgrelid::regclass, tgname, pg_get_triggerdef(oid) FROM pg_trigger"
                + " WHERE NOT tgisinternal AND tgrelid IN ('run_rows'::regclass,"
                + " 'artifact_snapshots'::regclass, 'component_runs'::regclass) ORDER BY 1, 2"));
    out.addAll(
        rows(
            st,
            "SELECT relname, reloptions FROM pg_class WHERE relkind = 'i'"
                + " AND relnamespace = current_schema()::regnamespace ORDER BY relname"));
    out.addAll(
        rows(
            st,
            "SELECT attname, attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = 'run_rows'::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum"));
    out.add(rows(st, "SELECT pg_get_viewdef('component_runs'::regclass)").get(0));
    out.addAll(viewDefaults(st));
    out.addAll(
        rows(
            st,
            "SELECT proname, md5(prosrc) FROM pg_proc"
                + " WHERE pronamespace = current_schema()::regnamespace"
                + " AND proname LIKE 'mltrace\\_%' ORDER BY proname"));
    return out;
  }

  private static String migrationText() throws Exception {
    try (var in =
        PointerHashDefaultsMigrationTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
      assertNotNull(in, MIGRATION);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
