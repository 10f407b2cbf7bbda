package org.mltrace.collector.ingest;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.mltrace.collector.testing.PostgresSchema;

/** {@link StoredLineageTest} on PostgreSQL, where the rows go in with binary COPY. */
class StoredLineagePostgresTest extends StoredLineageTest {
  private final PostgresSchema schema = new PostgresSchema();

  @Override
  String url() {
    return schema.create();
  }

  @Override
  @AfterEach
  void close() throws SQLException {
    super.close();
    schema.drop();
  }
}
