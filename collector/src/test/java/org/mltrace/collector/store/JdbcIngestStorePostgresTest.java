package org.mltrace.collector.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * {@link JdbcIngestStoreTest} on PostgreSQL, where rows go in with binary COPY and the lineage
 * look-ups are written differently (one {@code LATERAL} statement for the latest producers).
 */
class JdbcIngestStorePostgresTest extends JdbcIngestStoreTest {
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
