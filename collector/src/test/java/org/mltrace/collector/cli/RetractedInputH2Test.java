package org.mltrace.collector.cli;

import org.mltrace.collector.testing.TestDatabases;

class RetractedInputH2Test extends RetractedInputContract {
  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
