package org.mltrace.collector.alert;

import java.sql.SQLException;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The alert state machine on PostgreSQL at 127.0.0.1:5432 (skipped with a message when it is not
 * reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class AlertTrackerPostgresTest extends AlertTrackerContract {
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
