package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * A database written by the release before V025 (values as rows of run_inputs, run_outputs and
 * run_value_summaries) upgrades in place: after the migration the same rows read back through the
 * views of the same names, and the pointers are in run_reads and run_writes for lineage.
 */
class InlineValuesMigrationTest {
  @TempDir Path tmp;

  @Test
  void h2RowsWrittenBeforeVersion25ReadBackThroughTheViews() throws SQLException {
    upgradesInPlace(TestDatabases.h2Url(tmp));
  }

  @Test
  void postgresRowsWrittenBeforeVersion25ReadBackThroughTheViews() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try {
      upgradesInPlace(schema.create());
    } finally {
      schema.drop();
    }
  }

  private static void upgradesInPlace(String url) throws SQLException {
    String direct = OlderSchema.upTo(url, "24");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      writeTheOldWay(st);
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(
          List.of(
              "r1|0|in|POINTER|/d/in.csv|/d/in.csv|sun.nio.fs.UnixPath|4096|data|2026-01-01T10:00:00Z|xxh64:01",
              "r1|1|epochs|LONG|12|null|java.lang.Integer|null|null|null|null",
              "r2|0|in|POINTER|/d/out.csv|/d/out.csv|sun.nio.fs.UnixPath|null|data|null|null"),
          rows(
              st,
              "SELECT run_id, position, name, value_kind, value_text, pointer_id, class_name, size,"
                  + " value_type, modified_at, fingerprint FROM run_inputs ORDER BY run_id, position"));
      assertEquals(
          List.of(
              "r1|0|return|POINTER|/d/out.csv|/d/out.csv|xxh64:02|2026-01-01T10:00:01Z",
              "r1|1|loss|DOUBLE|0.1|null|null|2026-01-01T10:00:01Z",
              "r1|2|weights|POINTER|mem://a/double[]@1|mem://a/double[]@1|null|2026-01-01T10:00:01Z"),
          rows(
              st,
              "SELECT run_id, position, name, value_kind, value_text, pointer_id, fingerprint,"
                  + " end_time FROM run_outputs ORDER BY run_id, position"));
      assertEquals(
          List.of(
              "r1|output|2|number|stride|100000|1024|0|3|-1.5|0.1|0.30000000000000004|null|999"),
          rows(
              st,
              "SELECT run_id, direction, position, elements, sampling, element_count, sampled,"
                  + " null_count, nan_count, min_value, max_value, mean_value, stddev_value,"
                  + " distinct_estimate FROM run_value_summaries"));
      assertEquals(
          List.of("r1|0|/d/in.csv|xxh64:01", "r2|0|/d/out.csv|null"),
          rows(
              st,
              "SELECT run_id, position, pointer_id, fingerprint FROM run_reads ORDER BY run_id"));
      assertEquals(
          List.of("r1|0|/d/out.csv|xxh64:02", "r1|2|mem://a/double[]@1|null"),
          rows(
              st,
              "SELECT run_id, position, pointer_id, fingerprint FROM run_writes"
                  + " ORDER BY run_id, position"));
      assertEquals(
          List.of("r2"), rows(st, "SELECT run_id FROM run_reads WHERE pointer_id = '/d/out.csv'"));
      ValueRow in = new JdbcRunRepository(db).values(List.of("r1")).inputs().get("r1").get(0);
      assertEquals(java.time.Instant.parse("2026-01-01T10:00:00Z"), in.modifiedAt());
      assertEquals("data", in.pointerType());
      assertEquals(
          0.30000000000000004,
          new JdbcRunRepository(db)
              .values(List.of("r1"))
              .outputs()
              .get("r1")
              .get(2)
              .summary()
              .mean());
      assertNull(
          RunValueReader.arrays(db, List.of("r3")).get("r3")[0], "a run without values has none");
    }
  }

  private static void writeTheOldWay(Statement st) throws SQLException {
    st.execute("INSERT INTO components (name) VALUES ('train')");
    for (String id : List.of("r1", "r2", "r3")) {
      st.execute(
          "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at)"
              + " VALUES ('"
              + id
              + "', 'train', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00',"
              + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00', 'ok',"
              + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:02+00')");
    }
    for (String p : List.of("/d/in.csv", "/d/out.csv", "mem://a/double[]@1")) {
      st.execute(
          "INSERT INTO io_pointers (identifier, pointer_type, first_seen) VALUES ('"
              + p
              + "', 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00')");
    }
    st.execute(
        "INSERT INTO run_inputs (run_id, position, name, value_kind, value_text, pointer_id,"
            + " class_name, size, value_type, modified_at, fingerprint) VALUES"
            + " ('r1', 0, 'in', 'POINTER', '/d/in.csv', '/d/in.csv', 'sun.nio.fs.UnixPath', 4096,"
            + " 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00', 'xxh64:01'),"
            + " ('r1', 1, 'epochs', 'LONG', '12', NULL, 'java.lang.Integer', NULL, NULL, NULL, NULL),"
            + " ('r2', 0, 'in', 'POINTER', '/d/out.csv', '/d/out.csv', 'sun.nio.fs.UnixPath', NULL,"
            + " 'data', NULL, NULL)");
    st.execute(
        "INSERT INTO run_outputs (run_id, position, name, value_kind, value_text, pointer_id,"
            + " fingerprint, end_time) VALUES"
            + " ('r1', 0, 'return', 'POINTER', '/d/out.csv', '/d/out.csv', 'xxh64:02',"
            + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00'),"
            + " ('r1', 1, 'loss', 'DOUBLE', '0.1', NULL, NULL,"
            + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00'),"
            + " ('r1', 2, 'weights', 'POINTER', 'mem://a/double[]@1', 'mem://a/double[]@1', NULL,"
            + " TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:01+00')");
    st.execute(
        "INSERT INTO run_value_summaries (run_id, direction, position, elements, sampling,"
            + " element_count, sampled, null_count, nan_count, min_value, max_value, mean_value,"
            + " stddev_value, distinct_estimate) VALUES ('r1', 'output', 2, 'number', 'stride',"
            + " 100000, 1024, 0, 3, -1.5, 0.1, 0.30000000000000004, NULL, 999)");
  }
}
