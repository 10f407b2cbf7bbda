package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.store.ArrayRunRows.array;
import static org.mltrace.collector.store.ArrayRunRows.at;
import static org.mltrace.collector.store.ArrayRunRows.pointer;
import static org.mltrace.collector.store.ArrayRunRows.run;
import static org.mltrace.collector.store.QueryRows.count;
import static org.mltrace.collector.store.QueryRows.rows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * V047: a database written before it (pointer rows keyed by run and position) upgrades in place.
 * Its rows stay, the two keys are gone, and what was read through them is read from the runs'
 * arrays: a run's dependencies in input order, and the flagged outputs of a run.
 */
class PointerRowKeysMigrationTest {
  @TempDir Path tmp;

  @Test
  void h2() throws SQLException {
    upgradesInPlace(TestDatabases.h2Url(tmp));
  }

  @Test
  void h2KeyRebuiltByARepairGoesToo() throws SQLException {
    String url = TestDatabases.h2Url(tmp);
    String direct = OlderSchema.upTo(url, "46");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      // what H2KeyRepair.rebuildKey left before V047: the key backed by an index of its own
      st.execute("CREATE UNIQUE INDEX RUN_WRITES_KEY_TEST ON run_writes (run_id, position)");
    }
    // V047 itself: from V048 on, run_writes is a view and has no index at all
    OlderSchema.upTo(url, "47");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(
          List.of("RUN_WRITES_BY_POINTER_END"),
          rows(
              st,
              "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'RUN_WRITES'"
                  + " AND TABLE_SCHEMA = CURRENT_SCHEMA"));
    }
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
    String direct = OlderSchema.upTo(url, "46");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(2, count(st, primaryKeys()), "before: run_reads and run_writes keyed by run");
      st.execute("INSERT INTO components (name) VALUES ('prep'), ('train')");
      for (String p : List.of("/d/a.csv", "/d/b.csv")) {
        st.execute(
            "INSERT INTO io_pointers (identifier, flag, first_seen) VALUES ('"
                + p
                + "', "
                + p.equals("/d/b.csv")
                + ", "
                + at(0)
                + ")");
      }
      // prep writes a then b; train reads b (input 0) then a (input 1)
      run(
          st,
          "r1",
          "prep",
          0,
          "NULL",
          array(pointer("x", "/d/a.csv", null), pointer("y", "/d/b.csv", null)));
      run(
          st,
          "r2",
          "train",
          0,
          array(pointer("in", "/d/b.csv", null), pointer("other", "/d/a.csv", null)),
          "NULL");
      st.execute(
          "INSERT INTO run_writes (run_id, position, pointer_id, end_time) VALUES"
              + " ('r1', 0, '/d/a.csv', "
              + at(1)
              + "), ('r1', 1, '/d/b.csv', "
              + at(1)
              + ")");
      st.execute(
          "INSERT INTO run_reads (run_id, position, pointer_id, name) VALUES"
              + " ('r2', 0, '/d/b.csv', 'in'), ('r2', 1, '/d/a.csv', 'other')");
      st.execute(
          "INSERT INTO run_dependencies (run_id, depends_on_run_id, pointer_id) VALUES"
              + " ('r2', 'r1', '/d/a.csv'), ('r2', 'r1', '/d/b.csv')");
    }
    // V047 itself, on the tables: from V048 on, run_reads and run_writes are views
    OlderSchema.upTo(url, "47");
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      assertEquals(0, count(st, primaryKeys()), "after: no key by run");
      assertEquals(2, count(st, "SELECT COUNT(*) FROM run_reads"));
      assertEquals(2, count(st, "SELECT COUNT(*) FROM run_writes"));
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(2, count(st, "SELECT COUNT(*) FROM run_reads"));
      assertEquals(2, count(st, "SELECT COUNT(*) FROM run_writes"));
      Map<String, List<Dependency>> upstream = new JdbcRunRepository(db).upstreamOf(List.of("r2"));
      assertEquals(
          List.of(new Dependency("r2", "r1", "/d/b.csv"), new Dependency("r2", "r1", "/d/a.csv")),
          upstream.get("r2"),
          "in the order of the run's inputs");
      assertEquals(
          Map.of("r1", List.of("/d/b.csv")),
          new JdbcGraphStore(db).flaggedOutputs(List.of("r1", "r2")));
    }
  }

  private static String primaryKeys() {
    return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
        + " WHERE CONSTRAINT_TYPE = 'PRIMARY KEY' AND LOWER(TABLE_NAME) IN ('run_reads', 'run_writes')"
        + " AND TABLE_SCHEMA = CURRENT_SCHEMA";
  }
}
