package org.mltrace.collector.cli;

import org.mltrace.collector.testing.TestDatabases;

class CodeSourceH2Test extends CodeSourceContract {
  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
