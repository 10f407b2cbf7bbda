package org.mltrace.collector.store;

import java.sql.SQLException;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The lineage readers on the link tables by key, on PostgreSQL at 127.0.0.1:5432 (skipped with a
 * message when it is not reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class LinkReadersPostgresTest extends LinkReadersContract {
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
