package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

class DatabaseTest {
  @TempDir Path tmp;

  @Test
  void createMakesTheDirectoryAndTheSchema() throws SQLException {
    String url = TestDatabases.h2Url(tmp);
    try (Database db = Database.open(url, Database.Access.CREATE);
        Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM component_runs")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
    assertTrue(Files.exists(tmp.resolve("db").resolve("mltrace.mv.db")));
    // opening again finds the schema current
    Database.open(url, Database.Access.EXISTING).close();
  }

  /** A schema as a collector killed during its first migration leaves it, with some rows. */
  private void halfCreate(String... statements) throws SQLException {
    try (var c = java.sql.DriverManager.getConnection(TestDatabases.h2Url(tmp));
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  @Test
  void aMigrationNumberedBelowTheLastAppliedOneStillRuns() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Database.open(url, Database.Access.CREATE).close();
    // As a database migrated by a build that had V021 but not yet V018 (changes made in parallel).
    halfCreate(
        "DROP TABLE task_metrics",
        "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '018'");
    try (Database db = Database.open(url, Database.Access.EXISTING);
        Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM task_metrics")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "V018 ran again, after V021");
    }
  }

  @Test
  void anEditedMigrationIsNamedWithFlywaysReason() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    Database.open(url, Database.Access.CREATE).close();
    halfCreate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '014'");
    StoreException e =
        assertThrows(StoreException.class, () -> Database.open(url, Database.Access.EXISTING));
    assertTrue(e.getMessage().contains("V014 alerts: "), e.getMessage());
    assertTrue(
        e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("checksum"), e.getMessage());
  }

  @Test
  void aSchemaWhoseCreationWasInterruptedIsCreatedAgainWhenItHoldsNoData() throws Exception {
    halfCreate("CREATE TABLE components (name VARCHAR PRIMARY KEY)");

    try (Database db = Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE);
        Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM run_value_summaries")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the schema holds every migration");
    }
  }

  @Test
  void aBrokenSchemaHoldingDataIsNeverReset() throws Exception {
    halfCreate(
        "CREATE TABLE components (name VARCHAR PRIMARY KEY)",
        "INSERT INTO components VALUES ('train')");

    StoreException e =
        assertThrows(
            StoreException.class,
            () -> Database.open(TestDatabases.h2Url(tmp), Database.Access.CREATE));
    assertTrue(e.getMessage().startsWith("cannot prepare the mltrace schema"), e.getMessage());
    try (var c = java.sql.DriverManager.getConnection(TestDatabases.h2Url(tmp));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM components WHERE name = 'train'")) {
      rs.next();
      assertEquals(1, rs.getInt(1), "the row is still there");
    }
  }

  @Test
  void existingRefusesAMissingH2FileWithoutCreatingIt() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> Database.open(TestDatabases.h2Url(tmp), Database.Access.EXISTING));
    assertTrue(e.getMessage().startsWith("no mltrace database at "), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("db")));
  }

  @Test
  void unreachableServerIsOneLineWithoutThePassword() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/test?user=u&password=secret&connectTimeout=2",
                    Database.Access.EXISTING));
    assertTrue(
        e.getMessage().startsWith("cannot open database jdbc:postgresql://127.0.0.1:1/"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertTrue(e.isConnectionFailure());
  }
}
