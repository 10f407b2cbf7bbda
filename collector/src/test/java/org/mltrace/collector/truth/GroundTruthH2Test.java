package org.mltrace.collector.truth;

import org.mltrace.collector.testing.TestDatabases;

/** Tasks on an H2 file database. */
class GroundTruthH2Test extends GroundTruthContract {
  @Override
  String url() {
    return TestDatabases.h2Url(tmp);
  }
}
