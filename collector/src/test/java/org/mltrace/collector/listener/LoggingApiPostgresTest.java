package org.mltrace.collector.listener;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * Flags, notes and feedback over HTTP into the real PostgreSQL server (skipped when unreachable).
 */
class LoggingApiPostgresTest extends LoggingApiContract {
  private final PostgresSchema schema = new PostgresSchema();

  @Override
  String database() {
    return schema.create();
  }

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }
}
