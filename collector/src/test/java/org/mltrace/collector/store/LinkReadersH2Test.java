package org.mltrace.collector.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The lineage readers on the link tables by key, on H2. */
class LinkReadersH2Test extends LinkReadersContract {
  @TempDir Path tmp;

  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
