package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(0, foreignKeys(st), "after V040");
      assertEquals(List.of("r2|r1|/d/a.csv"), rows(st, "SELECT * FROM run_dependencies"));
      assertEquals(List.of("r1", "r2"), rows(st, "SELECT id FROM component_runs ORDER BY id"));
      if (!db.isPostgres()) {
        assertEquals(
            List.of("PRIMARY KEY", "RUN_DEPENDENCIES_BY_UPSTREAM"),
            rows(
                st,
                "SELECT CASE WHEN INDEX_TYPE_NAME = 'PRIMARY KEY' THEN INDEX_TYPE_NAME"
                    + " ELSE INDEX_NAME END FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_NAME = 'RUN_DEPENDENCIES' ORDER BY 1"),
            "the indexes H2 made for the foreign keys went with them");
      }
    }
  }

  private static int foreignKeys(Statement st) throws SQLException {
    try (ResultSet rs =
        st.executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND TABLE_SCHEMA = CURRENT_SCHEMA"
                + " AND UPPER(TABLE_NAME) IN ('RUN_DEPENDENCIES', 'COMPONENT_RUNS')")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cols.add(rs.getString(i));
        }
        out.add(String.join("|", cols));
      }
    }
    return out;
  }
}
