package org.mltrace.collector.staleness;

import java.sql.SQLException;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The staleness rules on PostgreSQL at 127.0.0.1:5432 (skipped with a message when it is not
 * reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class StalenessPostgresTest extends StalenessContract {
  private final PostgresSchema schema = new PostgresSchema();

  @Override
  String url() {
    return schema.create();
  }

  @Override
  void dropDatabase() throws SQLException {
    schema.drop();
  }
}
