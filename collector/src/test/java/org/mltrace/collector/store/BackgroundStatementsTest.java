package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * Maintenance statements run off the ingest connection: on one of their own, in the background, one
 * at a time, and {@link Database#close()} waits for the one in progress.
 */
class BackgroundStatementsTest {
  private final PostgresSchema schema = new PostgresSchema();
  private String url;

  @BeforeEach
  void create() {
    url = schema.create();
  }

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }

  @Test
  void analyzeRunsInTheBackgroundAndCloseWaitsForIt() throws SQLException {
    try (Database db = Database.open(url, Database.Access.CREATE);
        Statement st = db.connection().createStatement()) {
      st.execute("CREATE TABLE counted (n INTEGER)");
      st.execute("INSERT INTO counted SELECT g FROM generate_series(1, 5000) g");
      assertEquals(-1, reltuples(st), "never analyzed");
      db.runInBackground("SELECT pg_sleep(0.5); ANALYZE counted");
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertEquals(5000, reltuples(st), "close waited for the ANALYZE");
    }
  }

  @Test
  void aStatementAskedForWhileAnotherRunsIsSkipped() throws SQLException {
    try (Database db = Database.open(url, Database.Access.CREATE)) {
      db.runInBackground("SELECT pg_sleep(1)");
      db.runInBackground("CREATE TABLE skipped (n INTEGER)");
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertFalse(exists(st, "skipped"));
    }
  }

  @Test
  void aFailingStatementIsForgottenAndTheNextOneRuns() throws SQLException {
    try (Database db = Database.open(url, Database.Access.CREATE)) {
      db.runInBackground("ANALYZE no_such_table");
      db.background().awaitIdle();
      db.runInBackground("CREATE TABLE after_failure (n INTEGER)");
    }
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement()) {
      assertTrue(exists(st, "after_failure"));
    }
  }

  private static long reltuples(Statement st) throws SQLException {
    try (ResultSet rs =
        st.executeQuery("SELECT reltuples FROM pg_class WHERE oid = to_regclass('counted')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean exists(Statement st, String table) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
