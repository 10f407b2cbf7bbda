package org.mltrace.collector.query;

import java.sql.SQLException;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * {@link ImpactByKeyContract} on PostgreSQL at 127.0.0.1:5432, in a fresh schema dropped afterwards
 * (skipped with a message when it is not reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class ImpactByKeyPostgresTest extends ImpactByKeyContract {
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
