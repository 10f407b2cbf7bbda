package org.mltrace.collector.purge;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The purge contract against the real PostgreSQL server (skipped with a message when it is not
 * reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class PurgePostgresTest extends PurgeContract {
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
