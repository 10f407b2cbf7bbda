package org.mltrace.collector.query;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** {@link ImpactByKeyContract} on H2. */
class ImpactByKeyH2Test extends ImpactByKeyContract {
  @TempDir Path tmp;

  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
