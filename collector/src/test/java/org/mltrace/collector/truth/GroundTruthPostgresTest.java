package org.mltrace.collector.truth;

import org.mltrace.collector.testing.PostgresSchema;

/**
 * Tasks on PostgreSQL at 127.0.0.1:5432 (skipped with a message when it is not reachable, unless
 * MLTRACE_REQUIRE_POSTGRES=true).
 */
class GroundTruthPostgresTest extends GroundTruthContract {
  private final PostgresSchema schema = new PostgresSchema();

  @Override
  String url() {
    return schema.create();
  }

  @Override
  void dropDatabase() throws Exception {
    schema.drop();
  }
}
