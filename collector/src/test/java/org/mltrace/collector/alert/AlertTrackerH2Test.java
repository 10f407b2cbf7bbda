package org.mltrace.collector.alert;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The alert state machine on an H2 file database. */
class AlertTrackerH2Test extends AlertTrackerContract {
  @TempDir Path tmp;

  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
