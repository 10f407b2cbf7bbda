package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unknown ids and bad arguments get one line on stderr and a non-zero exit, never a stack trace.
 */
class CollectorErrorsIT {
  @TempDir Path dir;
  CollectorCli mltrace;

  /** A real, empty database: collected from an agent queue with nothing in it yet. */
  @BeforeEach
  void createDatabase() throws Exception {
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(Files.createDirectories(dir.resolve("queue")));
  }

  @Test
  void queryingADatabaseThatDoesNotExistSaysSo() throws Exception {
    assertOneLineError(
        new CollectorCli(dir, "jdbc:h2:file:" + dir.resolve("elsewhere/mltrace"))
            .run("history", "train"),
        "no mltrace database");
  }

  private static void assertOneLineError(ProcessResult r, String expectedFragment) {
    assertNotEquals(0, r.exitCode(), r::toString);
    String err = r.stderr().strip();
    assertEquals(1, err.lines().count(), "expected one line on stderr:\n" + r.stderr());
    assertTrue(err.contains(expectedFragment), err);
    assertFalse(err.contains("Exception"), err);
  }

  @Test
  void unknownTraceIdSaysSo() throws Exception {
    assertOneLineError(mltrace.run("trace", "no-such-run-or-file"), "no-such-run-or-file");
  }

  @Test
  void unknownRunSaysSo() throws Exception {
    assertOneLineError(mltrace.run("inspect", "abc-1"), "abc-1");
  }

  @Test
  void unknownComponentSaysSo() throws Exception {
    assertOneLineError(mltrace.run("history", "nope"), "nope");
  }

  @Test
  void writingSqlIsRefused() throws Exception {
    assertOneLineError(mltrace.run("sql", "DELETE FROM component_runs"), "read-only");
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    ProcessResult r = mltrace.run("history", "x", "--limt", "3");
    assertNotEquals(0, r.exitCode(), r::toString);
    assertFalse(r.stderr().contains("\tat "), r.stderr());
  }
}
