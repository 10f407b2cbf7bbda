package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/**
 * On H2 the batch's new pointers are inserted plainly after one look-up; a pointer another writer
 * (a second collector through AUTO_SERVER) inserted after that look-up fails its row, and the batch
 * is inserted again with the insert-if-absent MERGE: the ingest still commits, with one row per
 * pointer.
 */
class H2PointerRaceTest {
  private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  @TempDir Path tmp;

  @Test
  void aPointerCreatedByAnotherWriterAfterTheLookUpDoesNotFailTheBatch() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    try (Database db = Database.open(url, Database.Access.CREATE);
        Connection other = DriverManager.getConnection(JdbcUrl.parse(url).effective())) {
      other.setAutoCommit(false);
      try (Statement st = other.createStatement()) {
        st.execute(
            "INSERT INTO io_pointers (identifier, pointer_type, first_seen)"
                + " VALUES ('/d/shared.csv', 'data', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')");
      }
      // Not committed yet: the ingest's look-up does not see it, its insert waits for it.
      CompletableFuture<Object> ingest =
          CompletableFuture.supplyAsync(
              () ->
                  new JdbcIngestStore(db)
                      .inTransaction(
                          tx ->
                              tx.insertRun(
                                  run("r1", "train")
                                      .reads("in", "/d/shared.csv")
                                      .writes("out", "/d/new.csv")
                                      .build(),
                                  NOW)));
      Thread.sleep(300);
      other.commit();
      ingest.get(30, TimeUnit.SECONDS);
      try (Statement st = db.connection().createStatement()) {
        assertEquals(
            "/d/new.csv,/d/shared.csv",
            text(
                st,
                "SELECT LISTAGG(identifier, ',') WITHIN GROUP (ORDER BY identifier) FROM io_pointers"));
        assertEquals("1", text(st, "SELECT COUNT(*) FROM component_runs"));
        // The read row names the key the other writer gave the pointer (V048), not the one this
        // batch drew before its insert found the pointer there: the view shows it only then.
        assertEquals(
            "/d/shared.csv", text(st, "SELECT pointer_id FROM run_reads WHERE run_id = 'r1'"));
        assertEquals(
            "/d/new.csv", text(st, "SELECT pointer_id FROM run_writes WHERE run_id = 'r1'"));
      }
    }
  }

  private static String text(Statement st, String sql) throws SQLException {
    try (var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
