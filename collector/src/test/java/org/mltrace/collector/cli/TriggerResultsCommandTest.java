package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.evaluation.TriggerEngine;
import org.mltrace.collector.evaluation.TriggerRegistry;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.trigger.TriggerResultsListener;

/** {@code inspect} and {@code history} show the runs' trigger results, as text and as JSON. */
class TriggerResultsCommandTest {
  @TempDir static Path tmp;
  private static String db;

  /**
   * Component {@code evaluate}: metric_threshold accuracy >= 0.9 (alerts by default) and an unknown
   * trigger; e-1 has 0.85 (fails the threshold), e-2 0.95; e-3 came after the component dropped its
   * triggers. Component {@code later}'s run l-1 is stored but not evaluated.
   */
  @BeforeAll
  static void evaluate() throws Exception {
    db = TestDatabases.h2Url(tmp);
    TriggerDecl sla =
        new TriggerDecl(
            "after_run",
            "metric_threshold",
            false,
            Map.of("variable", "accuracy", "op", ">=", "value", "0.9"),
            null,
            "p.yaml:7");
    TriggerDecl bounds = new TriggerDecl("before_run", "nope", false, Map.of(), null, "p.yaml:5");
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            new ComponentEvent(
                "evaluate", "d", "o", List.of(), List.of(), List.of(bounds, sla), null),
            run("e-1", "evaluate").at(0, 1).output(accuracy("0.85")).build(),
            run("e-2", "evaluate").at(2, 3).output(accuracy("0.95")).build()));
    try (TriggerEngine engine =
        TriggerEngine.open(
            db,
            TriggerRegistry.load(null),
            TriggerEngine.Settings.DEFAULT.with(1, Duration.ofSeconds(5)),
            TriggerResultsListener.NONE,
            Clock.systemUTC())) {
      assertEquals(2, engine.evaluateAllPending());
    }
    TestDatabases.ingest(
        db,
        tmp,
        List.of(
            new ComponentEvent("evaluate", "d", "o", List.of(), List.of(), List.of(), null),
            run("e-3", "evaluate").at(4, 5).output(accuracy("0.5")).build(),
            new ComponentEvent("later", "d", "o", List.of(), List.of(), List.of(sla), null),
            run("l-1", "later").at(6, 7).output(accuracy("0.5")).build()));
  }

  static CapturedValue accuracy(String text) {
    return new CapturedValue("accuracy", ValueKind.DOUBLE, text, null, "java.lang.Double", -1);
  }

  @Test
  void inspectListsTheResults() {
    MltraceCommandTest.Result r = MltraceCommandTest.mltrace("inspect", "e-1", "--db", db);

    assertEquals(0, r.code(), r.err());
    String out = r.out();
    int from = out.indexOf("triggers\n");
    int to = out.indexOf("component evaluate\n");
    assertTrue(from > 0 && to > from, out);
    List<String> lines = out.substring(from, to).lines().toList();
    assertEquals("triggers", lines.get(0));
    assertEquals(
        List.of("PHASE", "TRIGGER", "STATUS", "VALUE", "THRESHOLD", "MESSAGE"),
        List.of(lines.get(1).trim().split("\\s+")));
    assertTrue(
        lines.get(2).trim().matches("before_run +nope +error +- +- +no built-in .*"), lines.get(2));
    assertTrue(
        lines.get(2).endsWith("no built-in trigger named 'nope' (declared at p.yaml:5)"),
        lines.get(2));
    assertTrue(
        lines
            .get(3)
            .trim()
            .matches("after_run +metric_threshold +fail \\(alert\\) +0\\.85 +0\\.9 .*"),
        lines.get(3));
    assertEquals(4, lines.size(), out);
  }

  @Test
  void inspectJsonCarriesEveryField() throws Exception {
    MltraceCommandTest.Result r =
        MltraceCommandTest.mltrace("inspect", "e-1", "--json", "--db", db);

    JsonNode triggers = new ObjectMapper().readTree(r.out()).get("triggers");
    assertEquals(2, triggers.size());
    JsonNode sla = triggers.get(1);
    assertEquals("metric_threshold", sla.get("trigger").asText());
    assertEquals("after_run", sla.get("phase").asText());
    assertEquals(0, sla.get("position").asInt());
    assertEquals("fail", sla.get("status").asText());
    assertEquals(0.85, sla.get("value").asDouble());
    assertEquals(0.9, sla.get("threshold").asDouble());
    assertTrue(sla.get("alert").asBoolean());
    assertTrue(sla.get("evaluatedAt").asText().endsWith("Z"), sla.toString());
    assertTrue(sla.get("durationMicros").asLong() >= 0);
    assertTrue(triggers.get(0).get("value").isNull());
  }

  @Test
  void historyShowsPassesAndTheFailedTriggersByName() {
    MltraceCommandTest.Result r = MltraceCommandTest.mltrace("history", "evaluate", "--db", db);

    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(1).contains("  TRIGGERS"), r.out());
    assertTrue(lines.get(2).contains("e-3") && lines.get(2).endsWith("  -"), r.out());
    assertTrue(
        lines.get(3).contains("e-2") && lines.get(3).endsWith("  1 pass, error: nope"), r.out());
    assertTrue(
        lines.get(4).contains("e-1")
            && lines.get(4).endsWith("  fail: metric_threshold, error: nope"),
        r.out());
  }

  @Test
  void historyJsonCountsEachRunsResults() throws Exception {
    MltraceCommandTest.Result r =
        MltraceCommandTest.mltrace("history", "evaluate", "--json", "--db", db);

    JsonNode runs = new ObjectMapper().readTree(r.out());
    assertEquals(
        "{\"pass\":0,\"fail\":0,\"error\":0,\"failed\":[],\"errors\":[],\"skipped\":[],"
            + "\"pending\":false}",
        runs.get(0).get("triggers").toString());
    assertEquals(
        "{\"pass\":1,\"fail\":0,\"error\":1,\"failed\":[],\"errors\":[\"nope\"],"
            + "\"skipped\":[],\"pending\":false}",
        runs.get(1).get("triggers").toString());
    assertEquals(
        "{\"pass\":0,\"fail\":1,\"error\":1,\"failed\":[\"metric_threshold\"],\"errors\":[\"nope\"],"
            + "\"skipped\":[],\"pending\":false}",
        runs.get(2).get("triggers").toString());
  }

  @Test
  void aRunWhoseTriggersWaitIsShownPending() throws Exception {
    MltraceCommandTest.Result history = MltraceCommandTest.mltrace("history", "later", "--db", db);
    assertTrue(history.out().lines().toList().get(2).endsWith("  pending"), history.out());

    MltraceCommandTest.Result inspect = MltraceCommandTest.mltrace("inspect", "l-1", "--db", db);
    assertTrue(inspect.out().contains("\ntriggers (pending)\ncomponent later\n"), inspect.out());

    JsonNode json =
        new ObjectMapper()
            .readTree(MltraceCommandTest.mltrace("inspect", "l-1", "--json", "--db", db).out());
    assertTrue(json.get("triggersPending").asBoolean());
    assertEquals(0, json.get("triggers").size());
  }
}
