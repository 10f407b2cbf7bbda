package org.mltrace.collector.listener;

import org.mltrace.collector.testing.TestDatabases;

class LoggingApiH2Test extends LoggingApiContract {
  @Override
  String database() {
    return TestDatabases.h2Url(tmp);
  }
}
