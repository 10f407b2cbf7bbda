package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/** One transaction: committed, rolled back for a dry run or a failure, locked on PostgreSQL. */
class UnitOfWorkTest {
  @TempDir Path dir;
  private final PostgresSchema schema = new PostgresSchema();

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }

  @Test
  void commitsKeepsAndDryRunsAndFailuresLeaveNothingOnH2() throws SQLException {
    try (Database db = Database.open(TestDatabases.h2Url(dir), Database.Access.CREATE)) {
      commitRollBackAndFail(db);
    }
  }

  @Test
  void commitsKeepsAndDryRunsAndFailuresLeaveNothingOnPostgres() throws SQLException {
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      commitRollBackAndFail(db);
    }
  }

  @Test
  void theIngestLockIsHeldUntilTheTransactionEndsOnPostgres() {
    try (Database db = Database.open(schema.create(), Database.Access.CREATE)) {
      long held =
          UnitOfWork.run(
              db,
              UnitOfWork.Lock.INGEST,
              UnitOfWork.End.COMMIT,
              "counting locks",
              c -> advisoryLocks(c, SqlDialect.INGEST_LOCK_KEY));
      assertEquals(1, held, "the ingest key is locked inside the work");
      long after =
          UnitOfWork.run(
              db,
              UnitOfWork.Lock.NONE,
              UnitOfWork.End.COMMIT,
              "counting locks",
              c -> advisoryLocks(c, SqlDialect.INGEST_LOCK_KEY));
      assertEquals(0, after, "released with the transaction");
    }
  }

  @Test
  void repositoryStepsJoinTheTransactionAndRollBackWithIt() throws SQLException {
    try (Database db = Database.open(TestDatabases.h2Url(dir), Database.Access.CREATE)) {
      String added =
          UnitOfWork.run(
              db,
              UnitOfWork.Lock.NONE,
              UnitOfWork.End.ROLL_BACK,
              "adding d",
              () -> {
                // SqlRows.update commits on its own outside a UnitOfWork, never inside one
                SqlRows.update(db, "adding d", "INSERT INTO components (name) VALUES (?)", "d");
                try {
                  return names(db.connection());
                } catch (SQLException e) {
                  throw new AssertionError(e);
                }
              });
      assertEquals("d", added, "the step's row is seen inside the transaction");
      assertEquals("", names(db.connection()), "and rolled back with it");
    }
  }

  private static void commitRollBackAndFail(Database db) throws SQLException {
    UnitOfWork.run(
        db, UnitOfWork.Lock.INGEST, UnitOfWork.End.COMMIT, "adding a", c -> insert(c, "a"));
    UnitOfWork.run(
        db, UnitOfWork.Lock.INGEST, UnitOfWork.End.ROLL_BACK, "adding b", c -> insert(c, "b"));
    StoreException failed =
        assertThrows(
            StoreException.class,
            () ->
                UnitOfWork.run(
                    db,
                    UnitOfWork.Lock.INGEST,
                    UnitOfWork.End.COMMIT,
                    "adding c twice",
                    c -> insert(c, "c") + insert(c, "c")));
    assertTrue(
        failed.getMessage().startsWith("database error while adding c twice: "),
        failed.getMessage());
    assertEquals("a", names(db.connection()));
    assertTrue(db.connection().getAutoCommit(), "auto-commit is back on after each transaction");
  }

  private static int insert(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO components (name) VALUES ('" + name + "')");
    }
  }

  private static String names(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM components ORDER BY name")) {
      StringBuilder names = new StringBuilder();
      while (rs.next()) {
        names.append(rs.getString(1));
      }
      return names.toString();
    }
  }

  private static long advisoryLocks(Connection c, long key) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                    + " AND ((classid::bigint << 32) | objid::bigint) = "
                    + key)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
