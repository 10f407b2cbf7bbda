package org.mltrace.collector.purge;

import org.mltrace.collector.testing.TestDatabases;

class PurgeH2Test extends PurgeContract {
  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
