package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * A database written by the release before V040 (foreign keys on run_dependencies and
 * component_runs) upgrades in place: its rows stay, the foreign keys are gone (on H2 with the
 * indexes H2 made for them), and a link to a run of the same batch can be stored again.
 */
class RowChecksMigrationTest {
  @TempDir Path tmp;

  @Test
  void h2() throws SQLException {
    upgradesInPlace(TestDatabases.h2Url(tmp));
  }

  @Test
  void postgres() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      upgradesInPlace(schema.create());
    } finally {
      schema.drop();
    }
  }

  private static void upgradesInPlace(String url) throws SQLException {
    String direct = OlderSchema.upTo(url, "29");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(4, foreignKeys(st), "before: run_dependencies 3, component_runs 1");
      st.execute("INSERT INTO components (name) VALUES ('train')");
      for (String id : List.of("r1", "r2")) {
        st.execute(
            "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at)"
                + " VALUES ('"
                + id
                + "', 'train', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00', 'ok',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:02+00')");
      }
      st.execute(
          "INSERT INTO io_pointers (identifier, first_seen)"
              + " VALUES ('/d/a.csv', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
      st.execute(
          "INSERT INTO run_dependencies (run_id, depends_on_run_id, pointer_id)"
              + " VALUES ('r2', 'r1', '/d/a.csv')");
    }
    // V040 itself, on the table: from V048 on, run_dependencies is a view
    OlderSchema.upTo(url, "47");
    boolean h2 = !JdbcUrl.parse(url).isPostgres();
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(0, foreignKeys(st), "after V040");
      if (h2) {
        assertEquals(
            List.of("PRIMARY KEY", "RUN_DEPENDENCIES_BY_UPSTREAM"),
            indexes(st, "RUN_DEPENDENCIES"),
            "the indexes H2 made for the foreign keys went with them");
      }
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(0, foreignKeys(st), "after V048");
      assertEquals(List.of("r2|r1|/d/a.csv"), rows(st, "SELECT * FROM run_dependencies"));
      assertEquals(List.of("r1", "r2"), rows(st, "SELECT id FROM component_runs ORDER BY id"));
      if (h2) {
        assertEquals(
            List.of("PRIMARY KEY", "RUN_DEPENDENCY_KEYS_BY_UPSTREAM"),
            indexes(st, "RUN_DEPENDENCY_KEYS"));
      }
    }
  }

  /** An H2 table's indexes: the primary key's by its kind, the others by name. */
  private static List<String> indexes(Statement st, String table) throws SQLException {
    return rows(
        st,
        "SELECT CASE WHEN INDEX_TYPE_NAME = 'PRIMARY KEY' THEN INDEX_TYPE_NAME"
            + " ELSE INDEX_NAME END FROM INFORMATION_SCHEMA.INDEXES"
            + " WHERE TABLE_NAME = '"
            + table
            + "' AND TABLE_SCHEMA = CURRENT_SCHEMA ORDER BY 1");
  }

  private static long foreignKeys(Statement st) throws SQLException {
    return count(
        st,
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
            + " WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND TABLE_SCHEMA = CURRENT_SCHEMA AND"
            + " UPPER(TABLE_NAME) IN ('RUN_DEPENDENCIES', 'RUN_DEPENDENCY_KEYS', 'COMPONENT_RUNS')");
  }
}
