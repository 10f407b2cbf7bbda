package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

class H2KeyRepairTest {
  @TempDir Path tmp;

  @Test
  void aRebuiltKeyKeepsTheRowsAndStillRejectsDuplicates() throws Exception {
    try (Database db = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE)) {
      Connection c = db.connection();
      storeRunWithLink(c, "r1");

      for (String table : H2KeyRepair.CHILD_KEYS.keySet()) {
        H2KeyRepair.rebuildKey(c, table);
        assertEquals(1, count(c, primaryKeys(table)), table + " has its primary key again");
      }

      assertEquals(
          1,
          count(
              c,
              "SELECT COUNT(*) FROM run_dependency_keys k JOIN component_runs r"
                  + " ON r.run_key = k.run_key WHERE r.id = 'r1'"));
      SQLException duplicate = assertThrows(SQLException.class, () -> insertLink(c, "r1"));
      assertEquals("23505", duplicate.getSQLState());
    }
  }

  @Test
  void aKeyDroppedByAnInterruptedRepairIsAddedBackAtStart() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    try (Database db = Database.open(url, Database.Access.CREATE);
        Statement st = db.connection().createStatement()) {
      String name = constraintName(db.connection(), "RUN_VALUE_SAMPLES");
      st.execute("ALTER TABLE run_value_samples DROP CONSTRAINT " + name);
    }
    try (Database db = Database.open(url, Database.Access.CREATE)) {
      assertEquals(1, count(db.connection(), primaryKeys("RUN_VALUE_SAMPLES")));
    }
  }

  @Test
  void onlyUniqueViolationsOfARunsChildTablesAreRepaired() {
    assertEquals(
        Optional.of("RUN_DEPENDENCY_KEYS"),
        H2KeyRepair.violatedChildTable(
            violation(
                "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_6FE INDEX"
                    + " PUBLIC.PRIMARY_KEY_F ON PUBLIC.RUN_DEPENDENCY_KEYS(RUN_KEY, POINTER_KEY)"
                    + " VALUES ( /* key:1764 */ CAST(1764001 AS BIGINT), CAST(3001 AS BIGINT))\"",
                "23505")));
    assertEquals(
        Optional.empty(),
        H2KeyRepair.violatedChildTable(
            violation("... ON PUBLIC.COMPONENT_RUNS(ID) VALUES ('x')", "23505")));
    assertEquals(
        Optional.empty(),
        H2KeyRepair.violatedChildTable(
            violation("... ON PUBLIC.RUN_DEPENDENCY_KEYS(RUN_KEY, POINTER_KEY)", "23506")));
    assertEquals(
        Optional.empty(),
        H2KeyRepair.violatedChildTable(
            violation("... ON PUBLIC.RUN_WRITE_KEYS(POINTER_KEY, END_TIME, RUN_KEY)", "23505")),
        "the pointer rows have no key since V047: nothing to rebuild");
  }

  private static StoreException violation(String message, String state) {
    return StoreException.of("storing 1 runs", new SQLException(message, state));
  }

  private static void storeRunWithLink(Connection c, String runId) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO components (name) VALUES ('clean')");
      st.execute(
          "INSERT INTO component_runs (id, component, start_time, end_time, status, ingested_at)"
              + " VALUES ('"
              + runId
              + "', 'clean', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'ok',"
              + " CURRENT_TIMESTAMP)");
    }
    insertLink(c, runId);
  }

  /** A link of the run to keys no run or pointer has: the table has no foreign keys. */
  private static void insertLink(Connection c, String runId) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
              + " SELECT run_key, -1, -2 FROM component_runs WHERE id = '"
              + runId
              + "'");
    }
  }

  private static String primaryKeys(String table) {
    return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_NAME = '"
        + table
        + "' AND CONSTRAINT_TYPE = 'PRIMARY KEY'";
  }

  private static String constraintName(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                primaryKeys(table).replace("SELECT COUNT(*)", "SELECT CONSTRAINT_NAME"))) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
