package org.mltrace.collector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The bench stores what it generated, through the real queue and drain, and measures it. */
class IngestBenchTest {
  @TempDir Path tmp;

  @Test
  void storesEverySyntheticRunAndLinksEachToThePreviousOne() {
    IngestBench.Result r = IngestBench.run(TestDatabases.h2Url(tmp), tmp.resolve("queue"), 300);
    assertEquals(300, r.runs());
    assertEquals(299, r.dependencies());
    assertTrue(r.eventBytes() > 300 * 100, "bytes " + r.eventBytes());
    assertTrue(r.databaseBytes() > 0 && r.seconds() > 0, r.toString());
    assertTrue(
        r.compactedBytes() > 0 && r.compactedBytes() < r.databaseBytes(),
        "H2 rewrites the file without the storage its commits replaced: " + r);
  }
}
