package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V045 on PostgreSQL: a database written before it keeps its pointers and flags, and the index of
 * flagged pointers then holds the flagged ones only, and is what the flagged look-up reads.
 */
class FlaggedIndexMigrationTest {
  @Test
  void upgradesInPlaceAndServesTheFlaggedLookUp() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "40");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        for (int i = 0; i < 200; i++) {
          st.execute(
              "INSERT INTO io_pointers (identifier, flag, first_seen) VALUES ('/d/"
                  + i
                  + ".csv', "
                  + (i == 7)
                  + ", TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
        }
      }
      try (Database db = Database.open(url, Database.Access.EXISTING);
          Statement st = db.connection().createStatement()) {
        assertTrue(
            rows(
                    st,
                    "SELECT indexdef FROM pg_indexes WHERE indexname = 'io_pointers_flagged'"
                        + " AND schemaname = current_schema()")
                .get(0)
                .endsWith("WHERE flag"),
            "partial index");
        assertEquals(
            List.of("/d/7.csv"),
            rows(st, "SELECT identifier FROM io_pointers WHERE flag = TRUE ORDER BY identifier"));
        st.execute("ANALYZE io_pointers");
        st.execute("SET enable_seqscan = off");
        String plan =
            String.join(
                "\n",
                rows(st, "EXPLAIN SELECT identifier FROM io_pointers" + " WHERE flag = TRUE"));
        assertTrue(plan.contains("io_pointers_flagged"), plan);
      }
    } finally {
      schema.drop();
    }
  }

  private static List<String> rows(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
