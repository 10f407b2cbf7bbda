package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/** A trace shows each run's failed triggers, so the bad output leads to the check that failed. */
class TraceTriggersTest {
  @TempDir Path tmp;

  @Test
  void theTraceOfAPredictionShowsTheUpstreamRunsFailedTrigger() throws Exception {
    Path queue = tmp.resolve("queue");
    String db = TestDatabases.h2Url(tmp);
    TriggerDecl enoughRows =
        new TriggerDecl(
            "after_run",
            "metric_threshold",
            false,
            Map.of("variable", "rows", "op", ">=", "value", "100"),
            false,
            "p.yaml:7");
    TestQueues.write(
        queue,
        List.of(
            new ComponentEvent(
                "clean", null, null, List.of(), List.of(), List.of(enoughRows), null),
            new ComponentEvent("predict", null, null, List.of(), List.of(), List.of(), null),
            run("c-1", "clean")
                .at(0, 1)
                .writes("return", "/d/clean.csv")
                .output(new CapturedValue("rows", ValueKind.LONG, "40", null, "java.lang.Long", -1))
                .build(),
            run("p-1", "predict")
                .at(2, 3)
                .reads("in", "/d/clean.csv")
                .writes("out", "/d/p.csv")
                .build()));
    assertEquals(
        0,
        MltraceCommandTest.mltrace("collect", "--queue", queue.toString(), "--once", "--db", db)
            .code());

    MltraceCommandTest.Result text = MltraceCommandTest.mltrace("trace", "/d/p.csv", "--db", db);
    assertEquals(0, text.code(), text.err());
    String cleanPart = text.out().substring(text.out().indexOf("clean  c-1"));
    assertTrue(cleanPart.contains("FAIL  metric_threshold (after_run): "), text.out());
    assertFalse(
        text.out().substring(0, text.out().indexOf("clean  c-1")).contains("FAIL"),
        "predict has no trigger: " + text.out());

    MltraceCommandTest.Result json =
        MltraceCommandTest.mltrace("trace", "/d/p.csv", "--json", "--db", db);
    JsonNode clean =
        new ObjectMapper().readTree(json.out()).path("producedBy").path("upstream").get(0);
    assertEquals("c-1", clean.path("id").asText(), json.out());
    JsonNode result = clean.path("triggers").get(0);
    assertEquals("metric_threshold", result.path("trigger").asText());
    assertEquals("fail", result.path("status").asText());
    assertEquals(40.0, result.path("value").asDouble());
    assertEquals(100.0, result.path("threshold").asDouble());
  }
}
