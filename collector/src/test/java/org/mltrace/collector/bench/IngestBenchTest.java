package org.mltrace.collector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.PostgresSchema;
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
    assertEquals(0, r.laterEntries(), "one batch has no second half to time apart: " + r);
    assertTrue(r.jvmCpuNanos() > 0, "the drain's CPU in this JVM: " + r);
    assertTrue(
        r.jitCpuNanos() >= 0 && r.jitCpuNanos() <= r.jvmCpuNanos(),
        "the JIT compilers' CPU is part of the JVM's: " + r);
    assertEquals(-1, r.databaseCpuNanos(), "H2 has no process of its own: " + r);
  }

  @Test
  void countsTheCpuOfThePostgresBackendsThatStoredTheRuns() throws Exception {
    PostgresSchema schema = new PostgresSchema();
    try {
      IngestBench.Result r = IngestBench.run(schema.create(), tmp.resolve("queue"), 3000);
      assertEquals(3000, r.runs());
      assertTrue(r.databaseCpuNanos() > 0, "PostgreSQL's CPU for 3,000 runs: " + r);
      assertTrue(r.jvmCpuNanos() > 0, r.toString());
    } finally {
      schema.drop();
    }
  }

  @Test
  void timesTheSecondHalfOfTheDrainApart() {
    int runs = 5000; // three batches of 2,000 entries: the second half starts after the second
    IngestBench.Result r = IngestBench.run(TestDatabases.h2Url(tmp), tmp.resolve("queue"), runs);
    assertEquals(runs, r.runs());
    assertTrue(
        r.laterEntries() > 0 && r.laterEntries() < runs / 2,
        "the entries committed after half of them were: " + r);
    assertTrue(r.laterSeconds() > 0 && r.laterSeconds() < r.seconds(), r.toString());
  }
}
