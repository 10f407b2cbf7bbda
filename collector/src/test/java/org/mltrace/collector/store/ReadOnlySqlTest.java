package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

class ReadOnlySqlTest {
  @TempDir Path tmp;
  private Database database;
  private ReadOnlySql sql;

  @BeforeEach
  void fill() {
    database = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE);
    new JdbcIngestStore(database)
        .inTransaction(
            tx ->
                tx.insertRun(
                    RunBuilder.run("r1", "train").writes("model", "/m/model.bin", "model").build(),
                    Instant.now()));
    sql = new ReadOnlySql(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private long runs() {
    return (Long) sql.query("SELECT COUNT(*) AS n FROM component_runs").rows().get(0).get(0);
  }

  @Test
  void selectReturnsColumnsAndDisplayValues() {
    ReadOnlySql.Rows rows =
        sql.query(
            "SELECT id, component, start_time, pid, status = 'ok' AS fine FROM component_runs");
    assertEquals(List.of("id", "component", "start_time", "pid", "fine"), rows.columns());
    assertEquals(List.of("r1", "train", "2026-01-01T00:00:00Z", 4242L, true), rows.rows().get(0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO components (name) VALUES ('x')",
        "UPDATE component_runs SET status = 'failed'",
        "DELETE FROM run_writes",
        "DELETE FROM run_write_keys",
        "DROP TABLE component_runs",
        "SELECT * FROM FINAL TABLE (UPDATE component_runs SET status = 'failed')",
        "SELECT 1; DELETE FROM component_runs"
      })
  void writesAreRefusedAndChangeNothing(String statement) {
    assertThrows(QueryRefusedException.class, () -> sql.query(statement));
    assertEquals(1, runs());
    assertEquals("ok", sql.query("SELECT status FROM component_runs").rows().get(0).get(0));
    assertEquals(1L, sql.query("SELECT COUNT(*) FROM run_write_keys").rows().get(0).get(0));
  }

  @Test
  void theLinkViewsAndTheirKeyTablesAreReadable() {
    assertEquals(
        List.of(List.of("r1", "/m/model.bin")),
        sql.query("SELECT run_id, pointer_id FROM run_writes").rows());
    assertEquals(
        List.of(List.of(1L)),
        sql.query(
                "SELECT COUNT(*) FROM run_write_keys w JOIN component_runs r"
                    + " ON r.run_key = w.run_key WHERE r.id = 'r1'")
            .rows());
  }

  @Test
  void aSequenceIsNotDrawnFrom() {
    String next =
        "SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'RUN_KEYS'";
    Object before = sql.query(next).rows().get(0).get(0);
    assertThrows(QueryRefusedException.class, () -> sql.query("SELECT NEXT VALUE FOR run_keys"));
    assertEquals(before, sql.query(next).rows().get(0).get(0), "H2 gives no drawn value back");
  }

  @Test
  void invalidSqlIsTheUsersErrorWithTheDatabaseMessage() {
    QueryRefusedException e =
        assertThrows(
            QueryRefusedException.class, () -> sql.query("SELECT nope FROM component_runs"));
    assertTrue(e.getMessage().startsWith("SQL error: "), e.getMessage());
    assertTrue(e.getMessage().toUpperCase().contains("NOPE"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void connectionIsUsableForWritesAgainAfterwards() {
    sql.query("SELECT 1");
    new JdbcIngestStore(database)
        .inTransaction(tx -> tx.insertRun(RunBuilder.run("r2", "train").build(), Instant.now()));
    assertEquals(2, runs());
  }
}
