package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * V049 on PostgreSQL: a database written by the release before it keeps its runs, pointers and
 * labels; a component's newest runs come in the same order through the ascending index without the
 * run id (ties at one start time still by id, descending), as do its latest-ended runs; and the
 * migration's statements run again without error (a migration interrupted and retried).
 */
class SmallerIndexesMigrationTest {
  private static final String MIGRATION = "db/migration/postgres/V049__smaller_run_indexes.sql";

  @Test
  void upgradesInPlaceAndTheQueriesReadTheNewIndexes() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      String url = schema.create();
      String direct = OlderSchema.upTo(url, "48");
      try (Connection c = DriverManager.getConnection(direct);
          Statement st = c.createStatement()) {
        // Three runs share a start time and were stored out of id order; one starts later.
        insertRun(st, "agent-2", "10:00:00");
        insertRun(st, "agent-9", "10:00:00");
        insertRun(st, "agent-10", "10:00:00");
        insertRun(st, "agent-1", "10:00:05");
        insertRun(st, "agent-3", "09:00:00");
        for (int i = 0; i < 50; i++) {
          st.execute(
              "INSERT INTO io_pointers (identifier, first_seen) VALUES ('/d/"
                  + i
                  + ".csv', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
        }
        st.execute(
            "INSERT INTO pointer_labels (pointer_id, label, added_at)"
                + " VALUES ('/d/7.csv', 'bad', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00+00')");
      }

      try (Database db = Database.open(url, Database.Access.EXISTING);
          Statement st = db.connection().createStatement()) {
        assertEquals(
            List.of("agent-1", "agent-9", "agent-2", "agent-10", "agent-3"),
            new JdbcRunRepository(db)
                .recentRuns("c", 10, null, null).stream().map(RunRow::id).toList(),
            "newest start first, ties by id descending (as text)");
        assertEquals(
            List.of("agent-9", "agent-2"),
            new JdbcRunRepository(db)
                    .recentRuns(
                        "c",
                        2,
                        Instant.parse("2026-01-01T09:30:00Z"),
                        Instant.parse("2026-01-01T10:00:01Z"))
                    .stream()
                    .map(RunRow::id)
                    .toList(),
            "a window, cut by the limit inside the tie");
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));
        assertEquals(
            List.of("/d/7.csv|bad"), rows(st, "SELECT pointer_id, label FROM pointer_labels"));
        assertEquals(
            List.of(
                "component_runs_by_component_end_time",
                "component_runs_by_component_start_time",
                "component_runs_by_end",
                "component_runs_by_key",
                "component_runs_pkey"),
            rows(
                st,
                // the runs' table, under the view component_runs since V053
                "SELECT indexname FROM pg_indexes WHERE tablename = 'run_rows'"
                    + " AND schemaname = current_schema() ORDER BY indexname"));
        st.execute("ANALYZE run_rows");
        st.execute("SET enable_seqscan = off");
        String newest =
            plan(
                st,
                "SELECT id FROM component_runs WHERE component = 'c'"
                    + " ORDER BY component, start_time DESC, id DESC LIMIT 3");
        assertTrue(
            newest.contains("Index Scan Backward using component_runs_by_component_start_time")
                || newest.contains(
                    "Index Only Scan Backward using" + " component_runs_by_component_start_time"),
            newest);
        String latestEnded =
            plan(
                st,
                "SELECT id FROM component_runs WHERE component = 'c' AND end_time <= now()"
                    + " ORDER BY component, end_time DESC, id DESC LIMIT 3");
        assertTrue(latestEnded.contains("component_runs_by_component_end_time"), latestEnded);
        st.execute("RESET enable_seqscan");

        // An interrupted migration is retried from its first statement.
        String again =
            new String(
                SmallerIndexesMigrationTest.class
                    .getClassLoader()
                    .getResourceAsStream(MIGRATION)
                    .readAllBytes(),
                StandardCharsets.UTF_8);
        // (its table is run_rows under the view component_runs since V053)
        st.execute(again.replace("ON component_runs", "ON run_rows"));
        assertEquals(50, count(st, "SELECT COUNT(*) FROM io_pointers"));
      }
    } finally {
      schema.drop();
    }
  }

  private static void insertRun(Statement st, String id, String start) throws SQLException {
    st.execute(
        "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at)"
            + " VALUES ('"
            + id
            + "', 'c', TIMESTAMP WITH TIME ZONE '2026-01-01 "
            + start
            + "+00', TIMESTAMP WITH TIME ZONE '2026-01-01 "
            + start
            + "+00' + INTERVAL '1 second', 'ok', TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00+00')");
  }

  private static String plan(Statement st, String sql) throws SQLException {
    return String.join("\n", rows(st, "EXPLAIN " + sql));
  }
}
