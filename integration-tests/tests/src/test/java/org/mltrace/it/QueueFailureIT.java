package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's queue failing under a real application: a queue directory the agent cannot write
 * to leaves the application's behaviour and output unchanged and is reported once on stderr.
 */
class QueueFailureIT {
  static final int CALLS = 2_000;

  @TempDir static Path dir;
  static Path classes;
  static Path config;
  private Path immutable;

  @BeforeAll
  static void compileApp() throws Exception {
    classes = FixtureApp.compile(dir, 17, Map.of("app/Rows.java", """
        package app;
        public class Rows {
          static double score(int row, double weight) { double s = row * weight; return s; }
          public static void main(String[] args) {
            double total = 0;
            for (int i = 0; i < %d; i++) total += score(i, 0.5);
            System.out.println("total " + total);
          }
        }
        """.formatted(CALLS)));
    config = Files.writeString(dir.resolve("rows.yaml"), """
        components:
          - name: score
            method: "app.Rows#score(int, double)"
            inputs: [row, weight]
            outputs: [return]
        """);
  }

  @AfterEach
  void makeWritableAgain() throws Exception {
    if (immutable != null) {
      new ProcessBuilder("chattr", "-i", immutable.toString()).inheritIO().start().waitFor();
      Files.setPosixFilePermissions(immutable, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * A directory nobody can create files in: {@code chmod 555}, and, for root (which ignores
   * permissions), {@code chattr +i} as well; the test is skipped if neither holds.
   */
  private Path readOnlyDirectory(String name) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
    immutable = d;
    if (canCreateIn(d)) {
      Process chattr = new ProcessBuilder("chattr", "+i", d.toString()).redirectErrorStream(true).start();
      chattr.waitFor();
    }
    assumeTrue(!canCreateIn(d), "cannot make a read-only directory here (root without chattr +i): skipping");
    return d;
  }

  private static boolean canCreateIn(Path d) {
    try {
      Files.delete(Files.createFile(d.resolve("probe")));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aReadOnlyQueueDirectoryLeavesTheApplicationUnharmedAndIsReportedOnce() throws Exception {
    Path queue = readOnlyDirectory("read-only-queue");
    Path run = Files.createDirectories(dir.resolve("ro-run"));
    List<String> app = List.of("-cp", classes.toString(), "app.Rows");
    ProcessResult plain = TracedApp.withoutAgent(run, app);
    ProcessResult traced = TracedApp.withAgent(run, config, queue, app);

    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout(), "the application's own output is unchanged");
    List<String> lines = Arrays.stream(traced.stderr().split("\n")).filter(l -> !l.isEmpty()).toList();
    for (String line : lines) {
      assertTrue(line.startsWith("[mltrace] "), "unexpected line on the application's stderr: " + line);
    }
    assertEquals(1, lines.stream().filter(l -> l.contains("cannot open the queue at " + queue)).count(), traced.stderr());
    assertTrue(traced.stderr().contains(CALLS + " dropped"), "the exit summary counts every run as dropped: " + traced.stderr());
    try (var entries = Files.list(queue)) {
      assertEquals(0, entries.count(), "nothing was written");
    }
  }
}
