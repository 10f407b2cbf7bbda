package org.mltrace.collector.query;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
import org.mltrace.collector.testing.TestDatabases;

/**
 * {@link AnalysisQueriesContract} on PostgreSQL at 127.0.0.1:5432, in a fresh schema dropped
 * afterwards; skipped with a message when the server cannot be reached, unless {@code
 * MLTRACE_REQUIRE_POSTGRES=true}.
 */
class PostgresAnalysisQueriesTest extends AnalysisQueriesContract {
  private static final PostgresSchema SCHEMA = new PostgresSchema();
  @TempDir static Path tmp;
  private static String url;

  @BeforeAll
  static void fill() {
    url = SCHEMA.create();
    TestDatabases.ingest(url, tmp, ReviewHistory.events());
    annotate(url);
  }

  @AfterAll
  static void drop() throws SQLException {
    SCHEMA.drop();
  }

  @Override
  String url() {
    return url;
  }
}
