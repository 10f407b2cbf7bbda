package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@code mltrace sql} cannot change data even when a write gets past {@link SqlGuard}: here a
 * function the guard cannot see into (its name is no keyword) deletes rows. On PostgreSQL the
 * read-only transaction refuses the delete; on H2, where read-only is only a hint, the rollback
 * undoes it. Either way the rows are still there afterwards.
 */
class ReadOnlySqlLayersTest {
  @TempDir Path tmp;

  private static void fill(Database db, String createFunction) throws SQLException {
    new JdbcIngestStore(db)
        .inTransaction(
            tx ->
                tx.insertRun(
                    RunBuilder.run("r1", "train").writes("model", "/m/model.bin", "model").build(),
                    Instant.now()));
    Connection c = db.connection();
    try (Statement st = c.createStatement()) {
      st.execute(createFunction);
    }
    if (!c.getAutoCommit()) {
      c.commit(); // the ingest store leaves PostgreSQL connections in manual commit
    }
  }

  private static long outputs(ReadOnlySql sql) {
    return (Long) sql.query("SELECT COUNT(*) FROM run_write_keys").rows().get(0).get(0);
  }

  @Test
  void h2RollsBackAWriteHiddenInAFunction() throws SQLException {
    try (Database db = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE)) {
      fill(
          db,
          "CREATE ALIAS WIPE AS $$ int wipe(java.sql.Connection c) throws Exception {"
              + " return c.createStatement().executeUpdate(\"DELETE FROM run_write_keys\"); } $$");
      ReadOnlySql sql = new ReadOnlySql(db);
      assertEquals(1L, outputs(sql));
      try {
        sql.query("SELECT WIPE()");
      } catch (QueryRefusedException refused) {
        // also fine: what matters is that nothing was deleted
      }
      assertEquals(1L, outputs(sql));
    }
  }

  @Test
  void postgresRefusesAWriteHiddenInAFunction() throws SQLException {
    PostgresSchema schema = new PostgresSchema();
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      fill(
          db,
          "CREATE FUNCTION wipe() RETURNS integer AS"
              + " 'DELETE FROM run_write_keys; SELECT 1' LANGUAGE sql");
      ReadOnlySql sql = new ReadOnlySql(db);
      assertEquals(1L, outputs(sql));
      QueryRefusedException e =
          assertThrows(QueryRefusedException.class, () -> sql.query("SELECT wipe()"));
      assertEquals(true, e.getMessage().contains("read-only transaction"), e.getMessage());
      assertEquals(1L, outputs(sql));
    } finally {
      schema.drop();
    }
  }
}
