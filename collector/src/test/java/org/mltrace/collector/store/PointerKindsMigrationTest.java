package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.lineage.BatchLineage;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V055 (PostgreSQL): a database of V054 whose pointers keep their type and class in their own row
 * upgrades in place to pointer_rows, whose pointers name a shared row of pointer_kinds, and a view
 * io_pointers with the old columns, types, order, defaults and rows. Pointers of one kind share its
 * key and pointers of different kinds (a NULL class, a NULL type, an empty one, U+0001 where
 * another has NULL, U+001E where another has U+0002 U+0006) do not; a pointer with neither has no
 * kind. The views over the pointers and the labels read the same; the indexes keep their names and
 * settings on pointer_rows and the look-ups use them; a query that reads neither type nor class
 * does not join pointer_kinds; SQL written by hand still inserts, updates and deletes through
 * io_pointers; the collector stores and flags pointers on the upgraded database; and migrating
 * again does nothing.
 */
class PointerKindsMigrationTest {
  /** A pointer's type and class, as io_pointers has them. */
  private record Kind(String type, String className) {
    boolean none() {
      return type == null && className == null;
    }
  }

  private static final Kind DATA_FILE = new Kind("data", "java.io.File");
  private static final Kind MODEL_FILE = new Kind("model", "java.io.File");
  private static final Kind NONE = new Kind(null, null);

  /** A class name longer than a B-tree index entry can be (about 2,700 bytes). */
  private static final String LONG_CLASS = "com.example." + "Wide".repeat(900) + "ü";

  private static final List<Kind> KINDS =
      List.of(
          DATA_FILE,
          new Kind("data", "sun.nio.fs.UnixPath"),
          MODEL_FILE,
          new Kind("endpoint", "java.net.URI"),
          // A NULL class, and U+0001 (the signature's NULL mark) there: the same signature.
          new Kind("data", null),
          new Kind("data", "\u0001"),
          // A NULL type, and U+0001 there.
          new Kind(null, "java.io.File"),
          new Kind("\u0001", "java.io.File"),
          NONE,
          // Empty, not NULL.
          new Kind("", ""),
          new Kind("", null),
          // U+001E (the separator) is written U+0002 U+0006 in the signature: three kinds, one
          // signature.
          new Kind("x\u001ey", "C\u001e"),
          new Kind("x\u0002\u0006y", "C\u001e"),
          new Kind("x\u001ey", "C\u0002\u0006"),
          new Kind("Data", "java.io.File"),
          new Kind("data", LONG_CLASS));

  /** Pointers written at V054; more of the first kinds than of the odd ones. */
  private static final int POINTERS = 3_000;

  private static final int RUNS = 300;

  /** What must read the same after the upgrade, each in a fixed order. */
  private static final Map<String, String> VIEWS = views();

  private static Map<String, String> views() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("io_pointers", "pointer_key");
    out.put("run_reads", "run_id, position, pointer_id");
    out.put("run_writes", "run_id, position, pointer_id");
    out.put("run_dependencies", "run_id, pointer_id, depends_on_run_id");
    out.put("pointer_labels", "pointer_id, label");
    return out;
  }

  private static final List<String> POINTER_ROWS_COLUMNS =
      List.of(
          "pointer_key", "first_seen", "flagged_at", "kind_key", "flag", "identifier", "flag_note");

  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2025, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  private static final String T = "TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00'";

  @Test
  void ioPointersReadsAndWritesAsBeforeWithKindsStoredOnce() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "54");
      Map<String, Kind> written;
      Map<String, List<String>> before;
      List<String> defaults;
      List<String> indexes;
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(List.of("054"), latestVersion(st));
        written = writeTheV054Way(c, st);
        before = QueryRows.snapshot(st, VIEWS);
        defaults = viewDefaults(st);
        indexes = indexes(st, "io_pointers");
      }
      // What was written: every pointer and kind, each view with rows, both defaults.
      assertEquals(1 + POINTERS, before.get("io_pointers").size(), "header and pointers");
      for (String view : VIEWS.keySet()) {
        assertTrue(before.get(view).size() > 10, view + " has rows: " + before.get(view));
      }
      assertTrue(new HashSet<>(written.values()).containsAll(KINDS), "every kind written");
      assertEquals(
          List.of(
              "identifier|null",
              "pointer_type|null",
              "class_name|null",
              "flag|false",
              "first_seen|null",
              "flag_note|null",
              "flagged_at|null",
              "pointer_key|nextval('pointer_keys'::regclass)"),
          defaults);

      JdbcUrl parsed = JdbcUrl.parse(url);
      SchemaMigrator.migrate(parsed, parsed.effective());

      Map<Kind, Integer> keyOf;
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(List.of("055"), latestVersion(st));
        assertEquals(
            List.of("VIEW"),
            rows(
                st,
                "SELECT table_type FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name = 'io_pointers'"));

        // 1. io_pointers and the views over the pointers: same columns, types, order and rows.
        Map<String, List<String>> after = QueryRows.snapshot(st, VIEWS);
        for (String view : VIEWS.keySet()) {
          assertEquals(before.get(view), after.get(view), view);
        }
        assertEquals(defaults, viewDefaults(st), "io_pointers' defaults");

        // 2. pointer_rows without type and class; one pointer_kinds row per kind, shared.
        assertEquals(
            POINTER_ROWS_COLUMNS,
            rows(
                st,
                "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = 'pointer_rows'"
                    + " ORDER BY ordinal_position"));
        keyOf = kindsStoredOnce(st, written);

        // 3. The indexes, with their names and settings, on pointer_rows; look-ups use them.
        assertEquals(
            List.of(
                "io_pointers_by_identifier|hash|false|identifier|null|[fillfactor=100]",
                "io_pointers_by_key|btree|true|pointer_key|null|[fillfactor=100]",
                "io_pointers_flagged|btree|false|identifier|flag|null"),
            indexes(st, "pointer_rows"));
        assertEquals(indexes, indexes(st, "pointer_rows"), "the old table's indexes");
        // As the migration leaves the tables (no statistics), then analyzed, as autovacuum and
        // the collector (JdbcIngestStore#analyzePostgresWhileGrowing) analyze them.
        lookUpsUseTheIndexes(c, written, false);
        st.execute("ANALYZE pointer_rows");
        st.execute("ANALYZE pointer_kinds");
        lookUpsUseTheIndexes(c, written, true);
      }

      // 4. SQL written by hand inserts, updates and deletes through io_pointers.
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        writeThroughTheView(c, st, keyOf);
      }

      // 5. The collector on the upgraded database.
      storedAndFlaggedByTheCollector(url, direct, keyOf);

      // 6. Migrating again does nothing.
      Map<String, List<String>> stored;
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        stored = QueryRows.snapshot(st, VIEWS);
      }
      MigrateResult again = OlderSchema.again(url);
      assertEquals(0, again.migrationsExecuted, "nothing left to migrate");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("true"),
            rows(
                st,
                "SELECT success FROM flyway_schema_history WHERE version = '055'"
                    + " AND script = 'V055__pointer_kinds.sql'"));
        assertEquals(stored, QueryRows.snapshot(st, VIEWS));
      }
    } finally {
      schema.drop();
    }
  }

  /**
   * Each pointer's kind_key: the same for pointers of one kind, different for different kinds, NULL
   * for none; pointer_kinds holds exactly the kinds written. Returns each kind's key.
   */
  private static Map<Kind, Integer> kindsStoredOnce(Statement st, Map<String, Kind> written)
      throws SQLException {
    Map<String, Integer> keys =
        QueryRows.keysById(st, "SELECT identifier, kind_key FROM pointer_rows");
    assertEquals(written.keySet(), keys.keySet(), "the pointers");
    Map<Kind, Integer> keyOf = new HashMap<>();
    for (Map.Entry<String, Kind> p : written.entrySet()) {
      Integer key = keys.get(p.getKey());
      Kind kind = p.getValue();
      if (kind.none()) {
        assertNull(key, p.getKey() + " has no kind");
        continue;
      }
      assertNotNull(key, p.getKey() + ": " + kind);
      Integer shared = keyOf.putIfAbsent(kind, key);
      if (shared != null) {
        assertEquals(shared, key, p.getKey() + ": the key of " + kind);
      }
    }
    assertEquals(keyOf.size(), new HashSet<>(keyOf.values()).size(), "one key per kind: " + keyOf);
    Map<Integer, Kind> stored = new TreeMap<>();
    try (ResultSet rs =
        st.executeQuery("SELECT kind_key, pointer_type, class_name FROM pointer_kinds")) {
      while (rs.next()) {
        assertNull(stored.put(rs.getInt(1), new Kind(rs.getString(2), rs.getString(3))));
      }
    }
    Map<Integer, Kind> expected = new TreeMap<>();
    keyOf.forEach((kind, key) -> expected.put(key, kind));
    assertEquals(expected, stored, "pointer_kinds: each kind written, once");
    assertEquals(
        0,
        count(
            st,
            "SELECT COUNT(*) FROM pointer_kinds WHERE pointer_type IS NULL AND class_name IS NULL"),
        "no kind of only NULLs");
    return keyOf;
  }

  /**
   * Look-ups by identifier through the view probe io_pointers_by_identifier, the collector's
   * look-up of many (SqlDialect#identifierIn) too once pointer_rows has statistics (without, the
   * planner guesses 0.5% of the rows for each identifier and hashes the whole table, as it did the
   * table io_pointers before it had any); a query that reads neither type nor class leaves
   * pointer_kinds out, one that reads the type joins it.
   */
  private static void lookUpsUseTheIndexes(
      Connection c, Map<String, Kind> written, boolean analyzed) throws SQLException {
    String one = "/data/part-17.csv";
    assertTrue(written.containsKey(one));
    String plan = plan(c, "SELECT * FROM io_pointers WHERE identifier = ?", one);
    assertTrue(plan.contains("io_pointers_by_identifier"), plan);
    plan =
        plan(
            c,
            "SELECT identifier, pointer_key FROM io_pointers WHERE "
                + SqlDialect.POSTGRES.identifierIn("identifier"),
            c.createArrayOf(
                "varchar", new String[] {one, "/data/part-18.csv", "/data/part-2999.csv"}));
    if (analyzed) {
      assertTrue(plan.contains("io_pointers_by_identifier"), plan);
    }
    assertFalse(plan.contains("pointer_kinds"), "the collector's look-up: " + plan);
    plan =
        plan(
            c,
            "SELECT identifier, flag, first_seen, flag_note, flagged_at, pointer_key"
                + " FROM io_pointers WHERE identifier = ?",
            one);
    assertFalse(plan.contains("pointer_kinds"), "join removal: " + plan);
    assertTrue(plan.contains("pointer_rows"), plan);
    plan = plan(c, "SELECT identifier FROM io_pointers WHERE flag = TRUE");
    assertFalse(plan.contains("pointer_kinds"), plan);
    plan = plan(c, "SELECT identifier, pointer_type FROM io_pointers WHERE identifier = ?", one);
    assertTrue(plan.contains("pointer_kinds"), "a query that reads the type joins: " + plan);
    assertTrue(plan.contains("io_pointers_by_identifier"), plan);
    plan = plan(c, "SELECT run_id, position, pointer_id FROM run_reads");
    assertFalse(plan.contains("pointer_kinds"), plan);
  }

  /** Pointers written by hand through the view, and what they leave in pointer_rows and kinds. */
  private static void writeThroughTheView(Connection c, Statement st, Map<Kind, Integer> keyOf)
      throws SQLException {
    long kinds = count(st, "SELECT COUNT(*) FROM pointer_kinds");
    long pointers = count(st, "SELECT COUNT(*) FROM pointer_rows");
    long maxKey = count(st, "SELECT max(pointer_key) FROM pointer_rows");

    // Without pointer_key and flag: the view's defaults; an existing kind, no new row.
    st.execute(
        "INSERT INTO io_pointers (identifier, pointer_type, class_name, first_seen)"
            + " VALUES ('/hand/1.csv', 'data', 'java.io.File', "
            + T
            + ")");
    assertEquals(kinds, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "an existing kind");
    assertEquals(
        List.of("/hand/1.csv|data|java.io.File|false|2026-01-05T10:00:00Z|null|null|true"),
        rows(
            st,
            "SELECT identifier, pointer_type, class_name, flag, first_seen, flag_note, flagged_at,"
                + " pointer_key = currval('pointer_keys') FROM io_pointers"
                + " WHERE identifier = '/hand/1.csv'"));
    assertTrue(
        count(st, "SELECT pointer_key FROM pointer_rows WHERE identifier = '/hand/1.csv'") > maxKey,
        "a key from the sequence");
    assertEquals(keyOf.get(DATA_FILE), kindKey(st, "/hand/1.csv"));

    // Every column given, a new kind: one row more.
    st.execute(
        "INSERT INTO io_pointers (identifier, pointer_type, class_name, flag, first_seen,"
            + " flag_note, flagged_at, pointer_key) VALUES ('/hand/2.pt', 'tensor',"
            + " 'org.example.Tensor', TRUE, "
            + T
            + ", 'by hand', "
            + T
            + " + INTERVAL '1 hour', 9000000077)");
    assertEquals(kinds + 1, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "a new kind");
    assertEquals(
        List.of(
            "/hand/2.pt|tensor|org.example.Tensor|true|2026-01-05T10:00:00Z|by hand"
                + "|2026-01-05T11:00:00Z|9000000077"),
        rows(st, "SELECT * FROM io_pointers WHERE identifier = '/hand/2.pt'"));
    Integer tensor = kindKey(st, "/hand/2.pt");
    assertNotNull(tensor);
    assertFalse(keyOf.containsValue(tensor), "a new key: " + tensor + " " + keyOf);
    // The same new kind again: found; RETURNING gives the key stored.
    List<String> returned =
        rows(
            st,
            "INSERT INTO io_pointers (identifier, pointer_type, class_name, first_seen)"
                + " VALUES ('/hand/3.pt', 'tensor', 'org.example.Tensor', "
                + T
                + ") RETURNING pointer_key, flag, pointer_type");
    assertEquals(
        List.of(
            count(st, "SELECT pointer_key FROM pointer_rows WHERE identifier = '/hand/3.pt'")
                + "|false|tensor"),
        returned);
    assertEquals(kinds + 1, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "found");
    assertEquals(tensor, kindKey(st, "/hand/3.pt"));
    // A kind whose signature an existing kind has: a kind of its own.
    Kind twin = new Kind("x\u0002\u0006y", "C\u0002\u0006");
    insert(c, "/hand/4", twin);
    assertEquals(kinds + 2, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "another kind");
    Integer twinKey = kindKey(st, "/hand/4");
    assertFalse(keyOf.containsValue(twinKey), twinKey + " " + keyOf);
    assertEquals(twin, kind(c, "/hand/4"));
    // Existing kinds of one signature: each its own.
    for (Kind k :
        List.of(
            new Kind("x\u001ey", "C\u001e"),
            new Kind("x\u0002\u0006y", "C\u001e"),
            new Kind("data", null),
            new Kind("data", "\u0001"),
            new Kind("", null))) {
      insert(c, "/hand/of-" + keyOf.get(k), k);
      assertEquals(keyOf.get(k), kindKey(st, "/hand/of-" + keyOf.get(k)), k.toString());
      assertEquals(k, kind(c, "/hand/of-" + keyOf.get(k)));
    }
    // No kind: none.
    insert(c, "/hand/5", NONE);
    assertNull(kindKey(st, "/hand/5"));
    assertEquals(NONE, kind(c, "/hand/5"));
    assertEquals(kinds + 2, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "none stored");
    // An identifier is still required.
    assertEquals(
        "23502",
        assertThrows(
                SQLException.class,
                () ->
                    st.execute(
                        "INSERT INTO io_pointers (identifier, first_seen) VALUES (NULL, "
                            + T
                            + ")"))
            .getSQLState());
    assertEquals(pointers + 10, count(st, "SELECT COUNT(*) FROM pointer_rows"), "ten more");

    // Updates of the flag, its note and time change that pointer and no other, nor its kind.
    Map<String, Integer> kindKeys = kindKeys(st);
    update(
        st,
        "UPDATE io_pointers SET flag = TRUE, flag_note = 'stale', flagged_at = "
            + T
            + " WHERE identifier = '/data/part-5.csv'",
        "/data/part-5.csv");
    assertEquals(
        List.of("true|stale|2026-01-05T10:00:00Z"),
        rows(
            st,
            "SELECT flag, flag_note, flagged_at FROM pointer_rows"
                + " WHERE identifier = '/data/part-5.csv'"));
    assertEquals(kindKeys, kindKeys(st));
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE io_pointers SET flag = TRUE WHERE identifier = ?")) {
      ps.setString(1, "/data/part-6.csv");
      assertEquals(1, ps.executeUpdate(), "one pointer flagged");
      ps.setString(1, "/nowhere");
      assertEquals(0, ps.executeUpdate(), "none");
    }
    assertEquals(
        List.of("true|null|null"),
        rows(
            st,
            "SELECT flag, flag_note, flagged_at FROM io_pointers"
                + " WHERE identifier = '/data/part-6.csv'"));
    update(
        st,
        "UPDATE io_pointers SET flag = FALSE, flag_note = NULL, flagged_at = NULL"
            + " WHERE identifier = '/data/part-5.csv'",
        "/data/part-5.csv");
    assertEquals(kindKeys, kindKeys(st));
    long endpoints = count(st, "SELECT COUNT(*) FROM io_pointers WHERE pointer_type = 'endpoint'");
    assertTrue(endpoints > 10, "endpoints: " + endpoints);
    assertEquals(
        endpoints,
        st.executeUpdate(
            "UPDATE io_pointers SET flag_note = 'api' WHERE pointer_type = 'endpoint'"),
        "one count per row");
    assertEquals(endpoints, count(st, "SELECT COUNT(*) FROM pointer_rows WHERE flag_note = 'api'"));

    // An update of the type changes that pointer's kind to an existing one; of the class to a new
    // one; of both to NULL to none.
    assertEquals(DATA_FILE, kind(c, "/hand/1.csv"));
    update(
        st,
        "UPDATE io_pointers SET pointer_type = 'model' WHERE identifier = '/hand/1.csv'",
        "/hand/1.csv");
    assertEquals(keyOf.get(MODEL_FILE), kindKey(st, "/hand/1.csv"));
    assertEquals(MODEL_FILE, kind(c, "/hand/1.csv"));
    assertEquals(kinds + 2, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "an existing kind");
    update(
        st,
        "UPDATE io_pointers SET class_name = 'java.nio.file.Path' WHERE identifier = '/hand/1.csv'",
        "/hand/1.csv");
    assertEquals(kinds + 3, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "a new kind");
    assertEquals(new Kind("model", "java.nio.file.Path"), kind(c, "/hand/1.csv"));
    assertFalse(keyOf.containsValue(kindKey(st, "/hand/1.csv")));
    update(
        st,
        "UPDATE io_pointers SET pointer_type = NULL, class_name = NULL"
            + " WHERE identifier = '/hand/1.csv'",
        "/hand/1.csv");
    assertNull(kindKey(st, "/hand/1.csv"));
    assertEquals(kinds + 3, count(st, "SELECT COUNT(*) FROM pointer_kinds"));

    // A delete removes the pointer's row.
    assertEquals(1, st.executeUpdate("DELETE FROM io_pointers WHERE identifier = '/hand/3.pt'"));
    assertEquals(0, count(st, "SELECT COUNT(*) FROM pointer_rows WHERE identifier = '/hand/3.pt'"));
    assertEquals(pointers + 9, count(st, "SELECT COUNT(*) FROM pointer_rows"), "one less");
    assertEquals(
        List.of("/hand/2.pt"),
        rows(st, "SELECT identifier FROM pointer_rows WHERE kind_key = " + tensor));
  }

  /** Runs {@code sql}, an update of pointer {@code id}; asserts that no other pointer changed. */
  private static void update(Statement st, String sql, String id) throws SQLException {
    QueryRows.updateOnly(
        st,
        sql,
        id,
        "SELECT * FROM io_pointers ORDER BY pointer_key",
        "SELECT identifier, kind_key FROM pointer_rows");
  }

  /**
   * Runs stored by the collector: they read a pointer written at V054 and write new pointers of
   * existing kinds, of none and of a new kind, in batches of one collector and of a second one
   * started later; then flags through JdbcAnnotationStore.
   */
  private static void storedAndFlaggedByTheCollector(
      String url, String direct, Map<Kind, Integer> keyOf) throws SQLException {
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    // /data/part-170.csv (MODEL_FILE) was written at V054 by r-24; read here as "data".
    String old = "/data/part-170.csv";
    Kind checkpoint = new Kind("checkpoint", "java.io.File");
    long kinds;
    List<String> oldRow;
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      kinds = count(st, "SELECT COUNT(*) FROM pointer_kinds");
      oldRow = rows(st, "SELECT * FROM io_pointers WHERE identifier = '" + old + "'");
      assertEquals(1, oldRow.size());
      assertEquals(MODEL_FILE, kind(c, old));
      assertEquals(
          List.of("r-24"),
          rows(st, "SELECT run_id FROM run_writes WHERE pointer_id = '" + old + "'"));
    }
    List<RunEvent> batch =
        List.of(
            run("c1", "train")
                .at(10, 20)
                .reads("in", old)
                .writes("out", "/c/new.csv")
                .writes("ckpt", "/c/ckpt-1.bin", "checkpoint")
                .output(pointer("none", "/c/none", null, null))
                .output(pointer("odd", "/c/odd", "data", "\u0001"))
                .output(pointer("nc", "/c/null-class", "data", null))
                .build(),
            run("c2", "eval")
                .at(30, 40)
                .reads("ckpt", "/c/ckpt-1.bin")
                .writes("out", "/c/new.csv")
                .build());
    try (Database db = Database.open(url, Database.Access.EXISTING)) {
      JdbcIngestStore store = new JdbcIngestStore(db);
      storeAsTheCollector(store, batch, now);
      // A later batch of the same collector: the new kind is known.
      storeAsTheCollector(
          store,
          List.of(
              run("c3", "train")
                  .at(50, 60)
                  .reads("in", "/c/new.csv")
                  .writes("ckpt", "/c/ckpt-2.bin", "checkpoint")
                  .build()),
          now);
    }
    // Another collector, started later: it finds the kinds in pointer_kinds.
    try (Database db = Database.open(url, Database.Access.EXISTING)) {
      storeAsTheCollector(
          new JdbcIngestStore(db),
          List.of(
              run("c4", "train")
                  .at(70, 80)
                  .writes("ckpt", "/c/ckpt-3.bin", "checkpoint")
                  .output(pointer("x", "/c/evil", "x\u0002\u0006y", "C\u001e"))
                  .output(pointer("nt", "/c/null-type", null, "java.io.File"))
                  .output(pointer("nc", "/c/null-class-2", "data", null))
                  .build()),
          now);
    }
    Map<String, Kind> expected = new TreeMap<>();
    expected.put("/c/new.csv", DATA_FILE);
    expected.put("/c/ckpt-1.bin", checkpoint);
    expected.put("/c/ckpt-2.bin", checkpoint);
    expected.put("/c/ckpt-3.bin", checkpoint);
    expected.put("/c/none", NONE);
    expected.put("/c/odd", new Kind("data", "\u0001"));
    expected.put("/c/null-class", new Kind("data", null));
    expected.put("/c/null-class-2", new Kind("data", null));
    expected.put("/c/evil", new Kind("x\u0002\u0006y", "C\u001e"));
    expected.put("/c/null-type", new Kind(null, "java.io.File"));
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(
          List.of(),
          rows(st, "SELECT identifier FROM io_pointers GROUP BY identifier HAVING COUNT(*) > 1"),
          "no identifier stored twice");
      assertEquals(
          List.of(),
          rows(st, "SELECT identifier FROM pointer_rows GROUP BY identifier HAVING COUNT(*) > 1"));
      assertEquals(
          new ArrayList<>(expected.keySet()),
          rows(st, "SELECT identifier FROM io_pointers WHERE identifier LIKE '/c/%' ORDER BY 1"));
      for (Map.Entry<String, Kind> p : expected.entrySet()) {
        assertEquals(p.getValue(), kind(c, p.getKey()), p.getKey());
        if (!p.getValue().none() && !p.getValue().equals(checkpoint)) {
          assertEquals(keyOf.get(p.getValue()), kindKey(st, p.getKey()), p.getKey());
        }
      }
      assertNull(kindKey(st, "/c/none"));
      assertEquals(kinds + 1, count(st, "SELECT COUNT(*) FROM pointer_kinds"), "one new kind");
      Integer ckpt = kindKey(st, "/c/ckpt-1.bin");
      assertFalse(keyOf.containsValue(ckpt), ckpt + " " + keyOf);
      assertEquals(
          List.of(ckpt + "|checkpoint|java.io.File"),
          rows(
              st,
              "SELECT kind_key, pointer_type, class_name FROM pointer_kinds"
                  + " WHERE pointer_type = 'checkpoint'"));
      assertEquals(
          List.of("/c/ckpt-1.bin", "/c/ckpt-2.bin", "/c/ckpt-3.bin"),
          rows(st, "SELECT identifier FROM pointer_rows WHERE kind_key = " + ckpt + " ORDER BY 1"));
      assertEquals(
          List.of(
              "/c/ckpt-1.bin|false|null|null|2026-01-01T00:00:20Z",
              "/c/new.csv|false|null|null|2026-01-01T00:00:20Z"),
          rows(
              st,
              "SELECT identifier, flag, flag_note, flagged_at, first_seen FROM io_pointers"
                  + " WHERE identifier IN ('/c/new.csv', '/c/ckpt-1.bin') ORDER BY 1"));
      // The pointer read is as it was; the collector's runs read and wrote through the keys.
      assertEquals(oldRow, rows(st, "SELECT * FROM io_pointers WHERE identifier = '" + old + "'"));
      assertEquals(
          List.of("c1|0|" + old, "c2|0|/c/ckpt-1.bin", "c3|0|/c/new.csv"),
          rows(
              st,
              "SELECT run_id, position, pointer_id FROM run_reads WHERE run_id LIKE 'c%'"
                  + " ORDER BY 1, 2"));
      assertEquals(
          List.of(
              "c1|/c/new.csv",
              "c1|/c/ckpt-1.bin",
              "c1|/c/none",
              "c1|/c/odd",
              "c1|/c/null-class",
              "c2|/c/new.csv",
              "c3|/c/ckpt-2.bin",
              "c4|/c/ckpt-3.bin",
              "c4|/c/evil",
              "c4|/c/null-type",
              "c4|/c/null-class-2"),
          rows(
              st,
              "SELECT run_id, pointer_id FROM run_writes WHERE run_id LIKE 'c%'"
                  + " ORDER BY run_id, position"));
      assertEquals(
          List.of("c1|r-24|" + old, "c2|c1|/c/ckpt-1.bin", "c3|c2|/c/new.csv"),
          rows(
              st,
              "SELECT run_id, depends_on_run_id, pointer_id FROM run_dependencies"
                  + " WHERE run_id LIKE 'c%' ORDER BY 1"));
    }

    // Flags through the annotation store, read back through io_pointers.
    long flagged;
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      flagged = count(st, "SELECT COUNT(*) FROM io_pointers WHERE flag");
      assertTrue(flagged > 10, "flagged at V054 and by hand: " + flagged);
    }
    Map<String, Integer> kindKeys;
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      kindKeys = kindKeys(st);
    }
    Instant at = Instant.parse("2026-02-02T08:00:00Z");
    List<String> notedUnflagged;
    try (Database db = Database.open(url, Database.Access.EXISTING)) {
      JdbcAnnotationStore annotations = new JdbcAnnotationStore(db);
      assertTrue(annotations.flag("/c/ckpt-1.bin", "diverged", at));
      assertTrue(annotations.flag(old, null, at.plusSeconds(60)));
      assertTrue(annotations.flag("/c/none", "no kind", at.plusSeconds(30)));
      assertFalse(annotations.flag("/c/missing", "x", at), "no such pointer");
      List<JdbcAnnotationStore.FlagRow> rows = annotations.flagged();
      assertEquals(flagged + 3, rows.size());
      assertEquals(
          List.of(
              new JdbcAnnotationStore.FlagRow(old, null, at.plusSeconds(60)),
              new JdbcAnnotationStore.FlagRow("/c/none", "no kind", at.plusSeconds(30)),
              new JdbcAnnotationStore.FlagRow("/c/ckpt-1.bin", "diverged", at)),
          rows.subList(0, 3));
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of(
                "/c/ckpt-1.bin|checkpoint|java.io.File|true|diverged|2026-02-02T08:00:00Z",
                "/c/none|null|null|true|no kind|2026-02-02T08:00:30Z",
                old + "|model|java.io.File|true|null|2026-02-02T08:01:00Z"),
            rows(
                st,
                "SELECT identifier, pointer_type, class_name, flag, flag_note, flagged_at"
                    + " FROM io_pointers WHERE identifier IN ('/c/ckpt-1.bin', '/c/none', '"
                    + old
                    + "') ORDER BY 1"));
        assertEquals(kindKeys, kindKeys(st), "flags change no kind");
      }
      assertTrue(annotations.unflag("/c/ckpt-1.bin"));
      assertFalse(annotations.unflag("/c/missing"));
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(
            List.of("/c/ckpt-1.bin|checkpoint|java.io.File|false|null|null"),
            rows(
                st,
                "SELECT identifier, pointer_type, class_name, flag, flag_note, flagged_at"
                    + " FROM io_pointers WHERE identifier = '/c/ckpt-1.bin'"));
      }
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        notedUnflagged =
            rows(
                st,
                "SELECT identifier FROM io_pointers WHERE NOT flag AND flag_note IS NOT NULL"
                    + " ORDER BY 1");
        assertFalse(notedUnflagged.isEmpty());
      }
      assertEquals(flagged + 2, annotations.unflagAll(), "every flagged pointer");
      assertEquals(List.of(), annotations.flagged());
      assertEquals(0, annotations.unflagAll());
    }
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(
          0, count(st, "SELECT COUNT(*) FROM io_pointers WHERE flag OR flagged_at IS NOT NULL"));
      assertEquals(
          notedUnflagged,
          rows(st, "SELECT identifier FROM io_pointers WHERE flag_note IS NOT NULL ORDER BY 1"),
          "the notes of pointers not flagged stay");
      assertEquals(kindKeys, kindKeys(st), "flags change no kind");
    }
  }

  /**
   * One batch as the collector's BatchWriter stores it: the runs not stored yet, their rows, then
   * the dependencies the lineage resolved with the database.
   */
  private static void storeAsTheCollector(JdbcIngestStore store, List<RunEvent> runs, Instant now) {
    store.inTransaction(
        tx -> {
          List<RunEvent> fresh = tx.withoutStored(runs);
          assertEquals(runs, fresh);
          BatchLineage.Prepared prepared = new BatchLineage().prepare(fresh, tx);
          List<BatchLineage.Links> links = new ArrayList<>();
          tx.insertRuns(fresh, now, () -> links.add(prepared.resolve(tx)));
          assertEquals(1, links.size());
          tx.writeLinks(links.get(0));
          return null;
        });
  }

  private static CapturedValue pointer(String name, String identifier, String type, String cls) {
    return new CapturedValue(name, ValueKind.POINTER, identifier, type, cls, 1234);
  }

  /** A pointer of {@code kind} written by hand without pointer_key or flag. */
  private static void insert(Connection c, String identifier, Kind kind) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO io_pointers (identifier, pointer_type, class_name, first_seen)"
                + " VALUES (?, ?, ?, "
                + T
                + ")")) {
      ps.setString(1, identifier);
      ps.setString(2, kind.type());
      ps.setString(3, kind.className());
      assertEquals(1, ps.executeUpdate(), identifier);
    }
  }

  /** A pointer's kind as io_pointers gives it. */
  private static Kind kind(Connection c, String identifier) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pointer_type, class_name FROM io_pointers WHERE identifier = ?")) {
      ps.setString(1, identifier);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), identifier);
        Kind k = new Kind(rs.getString(1), rs.getString(2));
        assertFalse(rs.next(), identifier);
        return k;
      }
    }
  }

  private static Integer kindKey(Statement st, String identifier) throws SQLException {
    Map<String, Integer> keys =
        QueryRows.keysById(
            st,
            "SELECT identifier, kind_key FROM pointer_rows WHERE identifier = '"
                + identifier.replace("'", "''")
                + "'");
    assertEquals(Set.of(identifier), keys.keySet(), identifier);
    return keys.get(identifier);
  }

  /** Each pointer's kind_key in pointer_rows (null when it has none). */
  private static Map<String, Integer> kindKeys(Statement st) throws SQLException {
    return QueryRows.keysById(st, "SELECT identifier, kind_key FROM pointer_rows");
  }

  /** The plan of {@code sql} with {@code params}, as EXPLAIN writes it. */
  private static String plan(Connection c, String sql, Object... params) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
    }
    return String.join("\n", lines);
  }

  private static List<String> latestVersion(Statement st) throws SQLException {
    return rows(
        st,
        "SELECT version FROM flyway_schema_history WHERE success"
            + " ORDER BY installed_rank DESC LIMIT 1");
  }

  /** io_pointers' columns with their defaults, in order. */
  private static List<String> viewDefaults(Statement st) throws SQLException {
    return rows(
        st,
        "SELECT column_name, column_default FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = 'io_pointers'"
            + " ORDER BY ordinal_position");
  }

  /** A table's indexes: name, method, unique, columns, predicate, options. */
  private static List<String> indexes(Statement st, String table) throws SQLException {
    return rows(
        st,
        "SELECT i.relname, a.amname, x.indisunique, pg_get_indexdef(x.indexrelid, 1, true),"
            + " pg_get_expr(x.indpred, x.indrelid), i.reloptions"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            + " JOIN pg_am a ON a.oid = i.relam"
            + " WHERE x.indrelid = CAST('"
            + table
            + "' AS regclass) ORDER BY i.relname");
  }

  /**
   * Pointers as V054 kept them, written by SQL (most in blocks of keys, as the collector numbers
   * them; some by hand with the defaults), flags, runs that read and wrote them, dependencies and
   * labels. Returns each pointer's kind.
   */
  private static Map<String, Kind> writeTheV054Way(Connection c, Statement st) throws SQLException {
    Map<String, Kind> written = new LinkedHashMap<>();
    Map<Integer, String> identifiers = new HashMap<>();
    try (PreparedStatement keyed =
            c.prepareStatement(
                "INSERT INTO io_pointers (identifier, pointer_type, class_name, flag, first_seen,"
                    + " flag_note, flagged_at, pointer_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement byHand =
            c.prepareStatement(
                "INSERT INTO io_pointers (identifier, pointer_type, class_name, first_seen)"
                    + " VALUES (?, ?, ?, ?)")) {
      long block = 0;
      for (int i = 0; i < POINTERS; i++) {
        int k = i % (KINDS.size() + 8);
        Kind kind = KINDS.get(k < KINDS.size() ? k : k % 4);
        String identifier =
            i == 1_234
                ? "/data/" + "long-".repeat(700) + i
                : i % 250 == 9 ? "s3://bücket/ü\u001e" + i : "/data/part-" + i + ".csv";
        identifiers.put(i, identifier);
        written.put(identifier, kind);
        OffsetDateTime firstSeen = T0.plusNanos(1_234_567_000L * i);
        if (i % 400 == 13) {
          byHand.setString(1, identifier);
          byHand.setString(2, kind.type());
          byHand.setString(3, kind.className());
          byHand.setObject(4, firstSeen);
          byHand.addBatch();
          continue;
        }
        if (i % 1_000 == 0) {
          block = count(st, "SELECT nextval('pointer_keys')");
        }
        boolean flag = i % 101 == 0 && i != 0 || i % 307 == 5;
        keyed.setString(1, identifier);
        keyed.setString(2, kind.type());
        keyed.setString(3, kind.className());
        keyed.setBoolean(4, flag);
        keyed.setObject(5, firstSeen);
        keyed.setString(6, i % 101 == 0 ? "bad batch " + i : i % 211 == 7 ? "note, no flag" : null);
        keyed.setObject(7, i % 202 == 101 ? null : flag ? firstSeen.plusDays(3) : null);
        keyed.setLong(8, block + i % 1_000);
        keyed.addBatch();
      }
      keyed.executeBatch();
      byHand.executeBatch();
    }
    assertEquals(POINTERS, written.size());

    st.execute("INSERT INTO components (name) VALUES ('train'), ('eval')");
    st.execute(
        "INSERT INTO run_rows (id, component, start_time, end_time, duration_nanos, status,"
            + " ingested_at, unrecorded_before)"
            + " SELECT 'r-' || j, CASE WHEN j % 2 = 0 THEN 'train' ELSE 'eval' END,"
            + " TIMESTAMP WITH TIME ZONE '2025-12-10 00:00:00+00' + j * INTERVAL '1 minute',"
            + " TIMESTAMP WITH TIME ZONE '2025-12-10 00:00:30+00' + j * INTERVAL '1 minute',"
            + " 30000000000, 'ok', TIMESTAMP WITH TIME ZONE '2025-12-10 00:00:31+00'"
            + " + j * INTERVAL '1 minute', 0 FROM generate_series(1, "
            + RUNS
            + ") j");
    String runKey = "(SELECT run_key FROM run_rows WHERE id = ?)";
    String pointerKey = "(SELECT pointer_key FROM io_pointers WHERE identifier = ?)";
    try (PreparedStatement read =
            c.prepareStatement(
                "INSERT INTO run_read_keys (pointer_key, run_key, position, name, fingerprint)"
                    + " VALUES ("
                    + pointerKey
                    + ", "
                    + runKey
                    + ", ?, ?, ?)");
        PreparedStatement write =
            c.prepareStatement(
                "INSERT INTO run_write_keys (pointer_key, end_time, run_key, position,"
                    + " fingerprint) SELECT "
                    + pointerKey
                    + ", end_time, run_key, 0, ? FROM run_rows WHERE id = ?");
        PreparedStatement dependency =
            c.prepareStatement(
                "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
                    + " VALUES ("
                    + runKey
                    + ", "
                    + pointerKey
                    + ", "
                    + runKey
                    + ")")) {
      for (int j = 1; j <= RUNS; j++) {
        String id = "r-" + j;
        for (int position = 0; position < 2; position++) {
          read.setString(1, identifiers.get((j * 7 + position) % POINTERS));
          read.setString(2, id);
          read.setInt(3, position);
          read.setString(4, position == 0 ? "path" : null);
          read.setString(5, position == 0 ? "xxh64:" + j : null);
          read.addBatch();
        }
        write.setString(1, identifiers.get((j * 7 + 2) % POINTERS));
        write.setString(2, j % 5 == 0 ? null : "xxh64:w" + j);
        write.setString(3, id);
        write.addBatch();
        if (j > 1) {
          dependency.setString(1, id);
          dependency.setString(2, identifiers.get(((j - 1) * 7 + 2) % POINTERS));
          dependency.setString(3, "r-" + (j - 1));
          dependency.addBatch();
        }
      }
      read.executeBatch();
      write.executeBatch();
      dependency.executeBatch();
    }
    st.execute(
        "INSERT INTO pointer_labels (pointer_id, label, added_at)"
            + " SELECT identifier, 'pii', "
            + T
            + " FROM io_pointers WHERE pointer_key % 97 = 3"
            + " UNION ALL SELECT identifier, 'eu', "
            + T
            + " + INTERVAL '1 day' FROM io_pointers WHERE pointer_key % 193 = 5"
            + " UNION ALL SELECT '/gone.csv', 'pii', "
            + T);
    return written;
  }
}
