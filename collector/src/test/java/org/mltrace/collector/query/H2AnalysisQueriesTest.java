package org.mltrace.collector.query;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** {@link AnalysisQueriesContract} on an H2 file database. */
class H2AnalysisQueriesTest extends AnalysisQueriesContract {
  @TempDir static Path tmp;
  private static String url;

  @BeforeAll
  static void fill() {
    url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp, ReviewHistory.events());
    annotate(url);
  }

  @Override
  String url() {
    return url;
  }
}
