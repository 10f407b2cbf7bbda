package org.mltrace.collector.cli;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The retracted_input contract on the real PostgreSQL server (skipped with a message when
 * unreachable).
 */
class RetractedInputPostgresTest extends RetractedInputContract {
  private final PostgresSchema schema = new PostgresSchema();

  @Override
  String url() {
    return schema.create();
  }

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }
}
