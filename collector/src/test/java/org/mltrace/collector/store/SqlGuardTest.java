package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM component_runs",
        "select id from component_runs where status = 'failed';",
        "WITH r AS (SELECT * FROM component_runs) SELECT COUNT(*) FROM r",
        "SELECT 'drop table x; delete' AS words",
        "SELECT \"update\" FROM t",
        "SELECT 1 -- ; DELETE\n",
        "SELECT /* insert */ 1",
        "VALUES (1)",
        "SELECT updated_at FROM ingest_positions",
        "SELECT id FROM component_runs ORDER BY id FETCH NEXT 5 ROWS ONLY",
        "SELECT run_key FROM run_read_keys"
      })
  void acceptsQueries(String sql) {
    SqlGuard.check(sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO components (name) VALUES ('x')",
        "UPDATE component_runs SET status = 'ok'",
        "DELETE FROM component_runs",
        "DROP TABLE component_runs",
        "  drop table component_runs",
        "SELECT 1; DROP TABLE component_runs",
        "SELECT * FROM FINAL TABLE (INSERT INTO components (name) VALUES ('x'))",
        "WITH d AS (DELETE FROM components RETURNING *) SELECT * FROM d",
        "SELECT CSVWRITE('/tmp/x.csv', 'SELECT 1')",
        "CREATE TABLE x (a INT)",
        "TRUNCATE TABLE components",
        "SELECT NEXT VALUE FOR run_keys",
        "SELECT nextval('pointer_keys')",
        "",
        "   ;  "
      })
  void refusesEverythingElse(String sql) {
    assertThrows(QueryRefusedException.class, () -> SqlGuard.check(sql));
  }

  @Test
  void messagesSayWhy() {
    assertTrue(
        assertThrows(QueryRefusedException.class, () -> SqlGuard.check("DROP TABLE x"))
            .getMessage()
            .contains("not DROP"));
    assertTrue(
        assertThrows(QueryRefusedException.class, () -> SqlGuard.check("SELECT 1; SELECT 2"))
            .getMessage()
            .contains("one statement"));
  }

  @Test
  void trailingSemicolonsAreDropped() {
    assertEquals("SELECT 1", SqlGuard.check("SELECT 1 ;; "));
  }
}
