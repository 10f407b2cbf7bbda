package org.mltrace.collector.evaluation;

import java.nio.file.Path;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * {@link TriggerEngineContract} on PostgreSQL at 127.0.0.1:5432, a fresh schema per test; skipped
 * with a message when the server is unreachable, unless {@code MLTRACE_REQUIRE_POSTGRES=true}.
 */
class PostgresTriggerEngineTest extends TriggerEngineContract {
  private PostgresSchema schema;

  @Override
  String newDatabase(Path dir) {
    schema = new PostgresSchema();
    return schema.create();
  }

  @Override
  void dropDatabase() throws Exception {
    if (schema != null) {
      schema.drop();
    }
  }
}
