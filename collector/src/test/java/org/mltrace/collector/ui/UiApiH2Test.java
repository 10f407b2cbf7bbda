package org.mltrace.collector.ui;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

class UiApiH2Test extends UiApiContract {
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    UiFixture.load(url, tmp);
    server = UiServer.start(url, UiAccess.of("127.0.0.1", 0, null));
  }
}
