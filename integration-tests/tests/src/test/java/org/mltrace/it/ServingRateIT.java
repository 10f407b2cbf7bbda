package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scoring method called 50,000 times a second on one thread from the JVM's first second, as an
 * online service is: every call is stored, in H2 and in PostgreSQL, nothing left unrecorded by the
 * circuit breaker and nothing dropped. The calls made while the agent's queue is still opening go
 * through its start-up stage. Counts only; the rates are measured in docs/performance.md.
 */
class ServingRateIT {
  static final int CALLS_PER_SECOND = 50_000;
  static final int SECONDS = 2;
  static final int CALLS = CALLS_PER_SECOND * SECONDS;

  @TempDir static Path dir;

  @Test
  void everyCallOfAComponentCalledFiftyThousandTimesASecondFromTheStartIsStored() throws Exception {
    Path classes =
        FixtureApp.compile(
            dir,
            17,
            Map.of(
                "app/Scorer.java",
                """
        package app;
        public class Scorer {
          static double predict(int id, double feature) { return feature * 0.5 + id %% 7; }
          public static void main(String[] args) {
            long calls = %d, perSecond = %d;
            long t0 = System.nanoTime();
            double sum = 0;
            for (long i = 0; i < calls; i++) {
              long due = t0 + i * 1_000_000_000L / perSecond; // paced, not a tight loop
              while (System.nanoTime() < due) { Thread.onSpinWait(); }
              sum += predict((int) i, i * 0.001);
            }
            System.out.println("calls " + calls + " sum " + sum);
          }
        }
        """
                    .formatted(CALLS, CALLS_PER_SECOND)));
    Path config =
        Files.writeString(
            dir.resolve("scorer.yaml"),
            """
        components:
          - name: predict
            method: "app.Scorer#predict(int, double)"
            inputs: [id, feature]
            outputs: [return]
        """);
    List<String> app = List.of("-cp", classes.toString(), "app.Scorer");
    ProcessResult plain = TracedApp.withoutAgent(dir, app);
    ProcessResult traced = TracedApp.withAgent(dir, config, dir.resolve("queue"), app);
    assertEquals(0, traced.exitCode(), traced::toString);
    assertEquals(plain.stdout(), traced.stdout(), "the application's output is unchanged");

    assertEveryCallStored(CollectorCli.h2(dir), traced);
    String schema = PostgresSchemas.create();
    try {
      assertEveryCallStored(CollectorCli.postgres(dir, PostgresSchemas.url(schema)), traced);
    } finally {
      PostgresSchemas.drop(schema);
    }
  }

  private static void assertEveryCallStored(CollectorCli mltrace, ProcessResult traced)
      throws Exception {
    mltrace.collectOnce(dir.resolve("queue"));
    String where = " (" + mltrace.url() + ")\n" + traced.stderr();
    long stored = mltrace.count("SELECT COUNT(*) FROM component_runs WHERE component = 'predict'");
    long unrecorded =
        mltrace.count("SELECT COALESCE(SUM(unrecorded_before), 0) FROM component_runs")
            + mltrace.count("SELECT COALESCE(SUM(count), 0) FROM agent_unrecorded");
    long dropped = mltrace.count("SELECT events_dropped FROM agent_stats");
    assertEquals(CALLS, stored + unrecorded + dropped, "every call stored or counted" + where);
    assertEquals(0, unrecorded, "no call left unrecorded by the breaker" + where);
    assertEquals(0, dropped, "no run dropped" + where);
    assertEquals(CALLS, stored, "every call stored" + where);
    assertEquals(
        CALLS, mltrace.count("SELECT COUNT(DISTINCT id) FROM component_runs"), "each once" + where);
  }
}
