package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V051 on PostgreSQL: a database written by the release before it keeps its pointers and labels;
 * identifiers stay unique, now through the hash index of an exclusion constraint instead of the
 * primary key; the look-up of many identifiers at once finds exactly the stored ones, one hash
 * probe each; and the migration runs again without error (a migration interrupted and retried).
 */
class PointersByHashMigrationTest {
  private static final String MIGRATION =
      "db/migration/postgres/V051__pointers_by_identifier_hash.sql";

  @Test
  void upgradesInPlaceKeepsIdentifiersUniqueAndLooksThemUpByHash() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "50");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        for (int i = 0; i < 50; i++) {
          st.execute(
              "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES ('/d/"
                  + i
                  + ".csv', 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
        }
        st.execute("UPDATE io_pointers SET flag = TRUE WHERE identifier = '/d/3.csv'");
        st.execute(
            "INSERT INTO pointer_labels (pointer_id, label, added_at)"
                + " VALUES ('/d/7.csv', 'bad', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00')");
      }

      // V051 itself: identifiers unique through an exclusion constraint (V054 replaced it).
      OlderSchema.upTo(url, "51");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));
        assertEquals(
            List.of("/d/7.csv|bad"), rows(st, "SELECT pointer_id, label FROM pointer_labels"));
        assertEquals(
            List.of("io_pointers_by_key", "io_pointers_flagged", "io_pointers_identifier_unique"),
            rows(
                st,
                "SELECT indexname FROM pg_indexes WHERE tablename = 'io_pointers'"
                    + " AND schemaname = current_schema() ORDER BY indexname"));
        assertEquals(
            List.of("hash"),
            rows(
                st,
                "SELECT a.amname FROM pg_class i JOIN pg_am a ON a.oid = i.relam"
                    + " WHERE i.relname = 'io_pointers_identifier_unique'"
                    + " AND i.relnamespace = current_schema()::regnamespace"));

        SQLException duplicate =
            assertThrows(
                SQLException.class,
                () ->
                    st.execute(
                        "INSERT INTO io_pointers (identifier, first_seen)"
                            + " VALUES ('/d/4.csv', TIMESTAMP WITH TIME ZONE"
                            + " '2026-01-03 10:00:00+00')"));
        assertEquals("23P01", duplicate.getSQLState(), "exclusion violation");
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));

        // An interrupted migration is retried from its first statement.
        String again =
            new String(
                PointersByHashMigrationTest.class
                    .getClassLoader()
                    .getResourceAsStream(MIGRATION)
                    .readAllBytes(),
                StandardCharsets.UTF_8);
        st.execute(again);
        assertEquals(
            1,
            count(
                st,
                "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'io_pointers_identifier_unique'"
                    + " AND connamespace = current_schema()::regnamespace"));
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));
      }

      // The latest: the collector's look-ups probe the hash index (since V054 a plain one).
      try (Database db = Database.open(url, Database.Access.EXISTING);
          Statement st = db.connection().createStatement()) {
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));
        JdbcGraphStore graph = new JdbcGraphStore(db);
        assertEquals(
            Set.of("/d/0.csv", "/d/3.csv", "/d/49.csv"),
            graph.existingPointers(List.of("/d/0.csv", "/d/3.csv", "/d/49.csv", "/d/50.csv")));
        assertEquals(
            List.of("/d/3.csv"),
            rows(
                st,
                "SELECT identifier FROM io_pointers WHERE "
                    + SqlDialect.POSTGRES
                        .identifierIn("identifier")
                        .replace("?", "'{/d/3.csv,/d/3.csv,/d/99.csv}'")),
            "an identifier named twice, its row once");

        st.execute("ANALYZE io_pointers");
        st.execute("SET enable_seqscan = off");
        String plan =
            String.join(
                "\n",
                rows(
                    st,
                    "EXPLAIN SELECT identifier, pointer_key FROM io_pointers WHERE "
                        + SqlDialect.POSTGRES
                            .identifierIn("identifier")
                            .replace("?", "'{/d/1.csv,/d/3.csv}'")));
        assertTrue(plan.contains("Index Scan using io_pointers_by_identifier"), plan);
        st.execute("RESET enable_seqscan");
      }
    } finally {
      schema.drop();
    }
  }
}
