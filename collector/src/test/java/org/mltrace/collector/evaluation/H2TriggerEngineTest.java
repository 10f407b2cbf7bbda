package org.mltrace.collector.evaluation;

import java.nio.file.Path;
import org.mltrace.collector.testing.TestDatabases;

/** {@link TriggerEngineContract} on an H2 file database. */
class H2TriggerEngineTest extends TriggerEngineContract {
  @Override
  String newDatabase(Path dir) {
    return TestDatabases.h2Url(dir);
  }
}
