package org.mltrace.collector.ui;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The same API on PostgreSQL (skipped with a message when it cannot be reached, see
 * PostgresSchema).
 */
class UiApiPostgresTest extends UiApiContract {
  private static final PostgresSchema SCHEMA = new PostgresSchema();

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    String url = SCHEMA.create();
    UiFixture.load(url, tmp);
    server = UiServer.start(url, UiAccess.of("127.0.0.1", 0, null));
  }

  @AfterAll
  static void drop() throws SQLException {
    stop();
    server = null;
    SCHEMA.drop();
  }
}
