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
 * The agent's queue failing under a real application: a queue directory the agent cannot write to
 * leaves the application's behaviour and output unchanged and is reported once on stderr.
 */
class QueueFailureIT {
  static final int CALLS = 2_000;
  static final int BIG_CALLS = 200;
  static final int BIG_CHARS = 20_000;

  @TempDir static Path dir;
  static Path classes;
  static Path config;
  private Path immutable;
  private Path mounted;

  @BeforeAll
  static void compileApp() throws Exception {
    classes =
        FixtureApp.compile(
            dir,
            17,
            Map.of(
                "app/Rows.java",
                """
        package app;
        public class Rows {
          static double score(int row, double weight) { double s = row * weight; return s; }
          static String report(int i) { return String.valueOf((char) ('a' + i %% 26)).repeat(%d); }
          public static void main(String[] args) throws Exception {
            double total = 0;
            for (int i = 0; i < %d; i++) total += score(i, 0.5);
            long length = 0;
            if (args.length == 1) for (int i = 0; i < %d; i++) length += report(i).length();
            if (args.length >= 3) {
              // fill FILE BYTES [keep]: the disk is nearly full while the first half of the reports
              // run, then something frees it (unless keep) and the second half runs
              java.nio.file.Path filler = java.nio.file.Path.of(args[1]);
              java.nio.file.Files.write(filler, new byte[Integer.parseInt(args[2])]);
              for (int i = 0; i < %d / 2; i++) length += report(i).length();
              if (args.length == 3) {
                Thread.sleep(1500);
                java.nio.file.Files.delete(filler);
                Thread.sleep(1500);
              }
              for (int i = %d / 2; i < %d; i++) length += report(i).length();
            }
            System.out.println("total " + total + " length " + length);
          }
        }
        """
                    .formatted(BIG_CHARS, CALLS, BIG_CALLS, BIG_CALLS, BIG_CALLS, BIG_CALLS)));
    config =
        Files.writeString(
            dir.resolve("rows.yaml"),
            """
        components:
          - name: score
            method: "app.Rows#score(int, double)"
            inputs: [row, weight]
            outputs: [return]
        """);
  }

  /** The single number a one-row, one-column query returns. */
  private static long number(CollectorCli mltrace, String query) throws Exception {
    var rows = mltrace.json("sql", query);
    assertEquals(1, rows.size(), rows::toString);
    return rows.get(0).elements().next().asLong();
  }

  @Test
  void pastMaxQueueMbRunsAreDroppedAndCountedAndTheApplicationRunsOn() throws Exception {
    // Each report run carries a 20,000-character string: 200 of them are about 4 MB, 4 times
    // the 1 MiB cap; the collector is "down" (not draining) until the application has ended.
    Path capped =
        Files.writeString(
            dir.resolve("capped.yaml"),
            """
        max_queue_mb: 1
        components:
          - name: report
            method: "app.Rows#report(int)"
            outputs: [{name: return, max_length: %d}]
        """
                .formatted(BIG_CHARS));
    Path run = Files.createDirectories(dir.resolve("cap-run"));
    List<String> app = List.of("-cp", classes.toString(), "app.Rows", "big");
    ProcessResult plain = TracedApp.withoutAgent(run, app);
    ProcessResult traced = TracedApp.withAgent(run, capped, run.resolve("queue"), app);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout());
    assertEquals(
        1,
        traced.stderr().lines().filter(l -> l.contains("holds max_queue_mb (1 MiB)")).count(),
        traced.stderr());

    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(run.resolve("queue"));
    long stored = number(mltrace, "SELECT COUNT(*) FROM component_runs WHERE component = 'report'");
    long dropped = number(mltrace, "SELECT events_dropped FROM agent_stats");
    assertTrue(
        stored > 0 && stored * BIG_CHARS <= (1 << 20),
        stored + " runs of " + BIG_CHARS + " characters kept under 1 MiB");
    assertEquals(BIG_CALLS, stored + dropped, "every run is stored or counted as dropped");
    assertTrue(traced.stderr().contains("dropped_disk_cap=" + dropped), traced.stderr());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  /**
   * A file system of {@code mib} MiB of its own (tmpfs), so that the test can fill it; skipped
   * where mounting is not allowed.
   */
  private Path smallFileSystem(String name, int mib) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", d.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(mount.getInputStream().readAllBytes());
    assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (" + output.trim() + "): skipping");
    mounted = d;
    return d;
  }

  /** Every report run recorded whole (20,000 characters each). */
  private static Path reportsConfig() throws IOException {
    return Files.writeString(
        dir.resolve("reports.yaml"),
        """
        components:
          - name: report
            method: "app.Rows#report(int)"
            outputs: [{name: return, max_length: %d}]
        """
            .formatted(BIG_CHARS));
  }

  @Test
  void aFullDiskDropsAndCountsRunsUntilThereIsRoomAgainAndTheCollectorStoresTheCounts()
      throws Exception {
    // An 8 MiB disk, 6 MiB of it filled by another file while the first 100 reports (20 KB each)
    // run, then freed: below the agent's 4 MiB reserve its runs are dropped and counted, after
    // that they are written again. Without the reserve, Chronicle's writes into its mapped file
    // faulted, each failing append took tens of milliseconds, and the application waited 10 s at
    // exit for a writer that had not counted a third of its runs.
    Path disk = smallFileSystem("full-disk", 8);
    Path run = Files.createDirectories(dir.resolve("full-run"));
    String fill = Integer.toString(6 << 20);
    ProcessResult plain =
        TracedApp.withoutAgent(
            run,
            List.of(
                "-cp",
                classes.toString(),
                "app.Rows",
                "fill",
                run.resolve("filler").toString(),
                fill));
    ProcessResult traced =
        TracedApp.withAgent(
            run,
            reportsConfig(),
            disk.resolve("queue"),
            List.of(
                "-cp",
                classes.toString(),
                "app.Rows",
                "fill",
                disk.resolve("filler").toString(),
                fill));

    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout(), "the application's own output is unchanged");
    for (String line : traced.stderr().split("\n")) {
      assertTrue(
          line.isEmpty() || line.startsWith("[mltrace] "),
          "unexpected line on the application's stderr: " + line);
    }
    assertEquals(
        1,
        traced
            .stderr()
            .lines()
            .filter(l -> l.contains("less than the 4 MiB the agent leaves"))
            .count(),
        traced.stderr());
    assertTrue(
        !traced.stderr().contains("did not finish"), "the writer kept up: " + traced.stderr());

    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(disk.resolve("queue"));
    long stored = number(mltrace, "SELECT COUNT(*) FROM component_runs WHERE component = 'report'");
    long dropped = number(mltrace, "SELECT events_dropped FROM agent_stats");
    assertEquals(
        dropped,
        number(mltrace, "SELECT count FROM agent_health WHERE kind = 'dropped_disk_full'"),
        "stored as agent health");
    assertEquals(BIG_CALLS, stored + dropped, "every run is stored or counted as dropped");
    assertTrue(dropped >= 1, "runs of the full disk were dropped: " + dropped);
    assertTrue(
        stored >= BIG_CALLS / 2, "the runs after the disk was freed were written: " + stored);
  }

  @Test
  void aDiskThatStaysFullDropsEveryRunAndTheCountsStillReachTheCollector() throws Exception {
    // The same 6 MiB filler on an 8 MiB disk, never freed: the 2 MiB left are below the reserve,
    // so no run is written, but the agent-stats event fits in what the reserve keeps.
    Path disk = smallFileSystem("still-full-disk", 8);
    Path run = Files.createDirectories(dir.resolve("still-full-run"));
    ProcessResult traced =
        TracedApp.withAgent(
            run,
            reportsConfig(),
            disk.resolve("queue"),
            List.of(
                "-cp",
                classes.toString(),
                "app.Rows",
                "fill",
                disk.resolve("filler").toString(),
                Integer.toString(6 << 20),
                "keep"));
    assertEquals(0, traced.exitCode(), traced::toString);
    assertTrue(traced.stderr().contains("dropped_disk_full=" + BIG_CALLS), traced.stderr());

    CollectorCli mltrace = CollectorCli.h2(run);
    mltrace.collectOnce(disk.resolve("queue"));
    assertEquals(0, number(mltrace, "SELECT COUNT(*) FROM component_runs"));
    assertEquals(BIG_CALLS, number(mltrace, "SELECT events_dropped FROM agent_stats"));
    assertEquals(
        BIG_CALLS,
        number(mltrace, "SELECT count FROM agent_health WHERE kind = 'dropped_disk_full'"));
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
      Process chattr =
          new ProcessBuilder("chattr", "+i", d.toString()).redirectErrorStream(true).start();
      chattr.waitFor();
    }
    assumeTrue(
        !canCreateIn(d),
        "cannot make a read-only directory here (root without chattr +i): skipping");
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
    List<String> lines =
        Arrays.stream(traced.stderr().split("\n")).filter(l -> !l.isEmpty()).toList();
    for (String line : lines) {
      assertTrue(
          line.startsWith("[mltrace] "), "unexpected line on the application's stderr: " + line);
    }
    assertEquals(
        1,
        lines.stream().filter(l -> l.contains("cannot open the queue at " + queue)).count(),
        traced.stderr());
    assertTrue(
        traced.stderr().contains(CALLS + " dropped"),
        "the exit summary counts every run as dropped: " + traced.stderr());
    try (var entries = Files.list(queue)) {
      assertEquals(0, entries.count(), "nothing was written");
    }
  }
}
