package org.mltrace.collector.retention;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;

/**
 * The same compaction as on H2, against the real PostgreSQL server (skipped with a message when it
 * is not reachable, unless MLTRACE_REQUIRE_POSTGRES=true).
 */
class PostgresCompactorTest {
  @TempDir Path tmp;
  private final PostgresSchema schema = new PostgresSchema();

  @AfterEach
  void drop() throws SQLException {
    schema.drop();
  }

  @Test
  void keepsAggregatesAndFlaggedLineageAndRemovesTheOtherOldRuns() throws Exception {
    String url = schema.create();
    CompactionScenario.load(url, tmp);

    CompactionScenario.compactAndCheck(url);
  }
}
