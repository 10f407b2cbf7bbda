package org.mltrace.agent.core.offline;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.mltrace.fixtures.offline.OfflinePipeline;

/** Test support: the directory the test classes, fixtures included, were compiled to. */
final class TestClassPath {
  static final String FIXTURES = "org.mltrace.fixtures.offline";

  private TestClassPath() {}

  static String directory() {
    try {
      return Path.of(
              OfflinePipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
