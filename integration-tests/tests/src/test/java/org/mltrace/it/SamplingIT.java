package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample:} in a real JVM with 8 threads: part of the calls are recorded, the others counted,
 * and recorded plus counted is exactly the number of calls the application made.
 */
class SamplingIT {
  static final int THREADS = 8;
  static final int CALLS = 5_000;

  @TempDir static Path dir;

  private static long number(CollectorCli mltrace, String query) throws Exception {
    JsonNode rows = mltrace.json("sql", query);
    assertEquals(1, rows.size(), rows::toString);
    return rows.get(0).elements().next().asLong();
  }

  @Test
  void sampledComponentsRecordSomeCallsAndCountEveryOtherOneExactly() throws Exception {
    Path classes =
        FixtureApp.compile(
            dir,
            17,
            Map.of(
                "app/PerRow.java",
                """
        package app;
        import java.util.concurrent.*;
        import java.util.concurrent.atomic.AtomicLong;
        public class PerRow {
          static long fraction(int i) { return i * 2L; }
          static long rated(int i) { return i * 3L; }
          public static void main(String[] args) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(%d);
            AtomicLong sum = new AtomicLong();
            for (int t = 0; t < %d; t++) {
              pool.submit(() -> { for (int i = 0; i < %d; i++) sum.addAndGet(fraction(i) + rated(i)); });
            }
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            System.out.println("sum " + sum.get());
          }
        }
        """
                    .formatted(THREADS, THREADS, CALLS)));
    Path config =
        Files.writeString(
            dir.resolve("per-row.yaml"),
            """
        components:
          - name: fraction
            method: "app.PerRow#fraction(int)"
            sample: 0.1
            inputs: [i]
            outputs: [return]
          - name: rated
            method: "app.PerRow#rated(int)"
            sample: {max_per_second: 50}
            inputs: [i]
            outputs: [return]
        """);
    List<String> app = List.of("-cp", classes.toString(), "app.PerRow");
    ProcessResult plain = TracedApp.withoutAgent(dir, app);
    ProcessResult traced = TracedApp.withAgent(dir, config, dir.resolve("queue"), app);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout());

    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(dir.resolve("queue"));
    for (String component : List.of("fraction", "rated")) {
      long recorded =
          number(
              mltrace, "SELECT COUNT(*) FROM component_runs WHERE component = '" + component + "'");
      Matcher m =
          Pattern.compile("component '" + component + "': (\\d+) calls counted but not recorded")
              .matcher(traced.stderr());
      assertTrue(m.find(), traced.stderr());
      long unrecorded = Long.parseLong(m.group(1));
      assertTrue(
          recorded > 0 && unrecorded > 0,
          component + ": " + recorded + " recorded, " + unrecorded + " not");
      assertEquals(
          THREADS * CALLS, recorded + unrecorded, component + ": every call recorded or counted");
      // The collector stores the same count: carried by later runs, the rest by the stats events.
      long carried =
          number(
              mltrace,
              "SELECT COALESCE(SUM(unrecorded_before), 0) FROM component_runs WHERE component = '"
                  + component
                  + "'");
      long reported =
          number(
              mltrace,
              "SELECT COALESCE(SUM(count), 0) FROM agent_unrecorded WHERE component = '"
                  + component
                  + "'");
      assertEquals(
          unrecorded,
          carried + reported,
          component + ": " + carried + " carried + " + reported + " reported");
    }
  }
}
