package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trigger declarations from a real agent start to the collector's tables: the taxi demo traced with
 * config-examples/taxi-with-types.yaml, whose triggers come from an included library of component
 * types; and a declaration the agent refuses at startup.
 */
class TriggerDeclarationsIT {
  @TempDir static Path dir;
  static CollectorCli mltrace;

  @BeforeAll
  static void runPipelineTracedAndCollect() throws Exception {
    Path queue = dir.resolve("queue");
    ProcessResult traced =
        TracedApp.withAgent(
            dir,
            Artifacts.configExample("taxi-with-types.yaml"),
            queue,
            List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("work").toString()));
    assertEquals(0, traced.exitCode(), traced::toString);
    assertFalse(traced.stderr().contains("config error"), traced.stderr());
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
  }

  @Test
  void theDeclarationsOfTheIncludedTypesAreStoredWithTheirSource() throws Exception {
    JsonNode rows =
        mltrace.rows(
            "SELECT component AS c, phase AS p, position AS n, trigger_name AS t, args AS a, source AS s"
                + " FROM component_triggers ORDER BY component, phase, position");
    assertEquals(3, rows.size(), rows.toString());
    Path library = Artifacts.configExample("library/ml-types.yaml").toAbsolutePath().normalize();
    assertEquals("clean|before_run|0|not_null|" + library + ":18", line(rows.get(0)));
    assertEquals(
        "{\"max_fraction\":\"0.05\",\"variable\":\"rawFares\"}", rows.get(0).path("a").asText());
    assertEquals("evaluate|after_run|0|metric_threshold|" + library + ":39", line(rows.get(1)));
    assertEquals("featurize|after_run|0|psi|" + library + ":28", line(rows.get(2)));
    // raw_fare_quality's stale_after: 2d
    assertEquals(
        172_800, mltrace.count("SELECT stale_after_seconds FROM components WHERE name = 'clean'"));
  }

  private static String line(JsonNode row) {
    return row.path("c").asText()
        + "|"
        + row.path("p").asText()
        + "|"
        + row.path("n").asText()
        + "|"
        + row.path("t").asText()
        + "|"
        + row.path("s").asText();
  }

  @Test
  void onlyTheVariableADriftTriggerNeedsCarriesASample() throws Exception {
    // psi on featurize's fares (output 1) needs its sample: 1,024 of the 4,900 fares (the default
    // sample_cap), 8 bytes each. not_null and metric_threshold need none, so nothing else has one.
    JsonNode rows =
        mltrace.rows(
            "SELECT r.component AS c, s.direction AS d, s.position AS n,"
                + " OCTET_LENGTH(s.sample_values) AS bytes, s.element_hashes AS h"
                + " FROM run_value_samples s JOIN component_runs r ON r.id = s.run_id");
    assertEquals(1, rows.size(), rows.toString());
    JsonNode row = rows.get(0);
    assertEquals(
        "featurize|output|1|8192",
        row.path("c").asText()
            + "|"
            + row.path("d").asText()
            + "|"
            + row.path("n").asText()
            + "|"
            + row.path("bytes").asText());
    assertTrue(row.path("h").isNull(), row.toString());
  }

  @Test
  void aMisspeltTriggerIsAConfigErrorWithItsLineAndTheApplicationRunsUntraced() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("typo.yaml"),
            """
        components:
          - name: featurize
            method: "com.example.taxi.Featurizer#featurize(java.nio.file.Path)"
            outputs: [return, fares]
            after_run:
              - trigger: pssi
                variable: fares
                reference: previous
        """);
    Path queue = dir.resolve("typo-queue");
    ProcessResult r =
        TracedApp.withAgent(
            dir,
            config,
            queue,
            List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("typo-work").toString()));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("predictions written"), r.stdout());
    assertTrue(
        r.stderr().contains(config + ":6: unknown trigger 'pssi'; nearest: psi"), r.stderr());
    assertTrue(
        r.stderr().contains("agent disabled: the application runs without tracing"), r.stderr());
    assertFalse(r.stderr().contains("\tat "), "no stack trace expected:\n" + r.stderr());
    assertFalse(Files.exists(queue), "a disabled agent must not create the queue");
  }
}
