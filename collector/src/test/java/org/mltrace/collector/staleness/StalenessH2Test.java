package org.mltrace.collector.staleness;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The staleness rules on an H2 file database. */
class StalenessH2Test extends StalenessContract {
  @TempDir Path tmp;

  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
