package org.mltrace.collector.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

/** Runs stored through the real drain, exported, and read back by the OpenLineage Java client. */
class OpenLineageExportTest {
  @TempDir Path tmp;

  private List<String> export(String url, Instant since, Instant until) throws Exception {
    StringWriter out = new StringWriter();
    try (QueryService q = QueryService.open(url)) {
      OpenLineageExport.write(q, since, until, out);
    }
    return out.toString().lines().toList();
  }

  @Test
  void eachRunBecomesAStartAndAnEndThatTheOpenLineageClientReads() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        url,
        tmp,
        List.of(
            run("agent-1", "prep")
                .at(0, 1)
                .reads("raw", "/data/raw.csv")
                .writes("features", "/data/features.csv")
                .build(),
            run("agent-2", "train")
                .at(2, 3)
                .reads("features", "/data/features.csv")
                .writes("model", "s3://models/m/model.bin", "model")
                .output(RunBuilder.longValue("epochs", 3))
                .failedWith("java.lang.IllegalStateException", "diverged")
                .build(),
            run("agent-3", "score").at(10, 11).reads("model", "mem://agent/Model@1").build()));

    List<String> lines = export(url, null, null);
    assertEquals(6, lines.size(), String.join("\n", lines));
    List<String> types = new ArrayList<>();
    for (String line : lines) {
      OpenLineage.RunEvent e = OpenLineageClientUtils.runEventFromJson(line);
      types.add(e.getEventType() + " " + e.getJob().getNamespace() + "/" + e.getJob().getName());
      assertEquals(URI_PRODUCER, e.getProducer().toString());
      assertTrue(e.getRun().getRunId() instanceof UUID);
      JsonNode json = LineageEventParser.MAPPER.readTree(line);
      // what the spec requires of every event, dataset and facet
      for (String field : List.of("eventTime", "producer", "schemaURL")) {
        assertTrue(json.path(field).isTextual(), field + " in " + line);
      }
      json.path("run").path("facets").forEach(f -> assertFacet(f, line));
      for (String side : List.of("inputs", "outputs")) {
        for (JsonNode d : json.path(side)) {
          assertTrue(d.path("namespace").isTextual() && d.path("name").isTextual(), line);
          d.path("inputFacets").forEach(f -> assertFacet(f, line));
        }
      }
    }
    assertEquals(
        List.of(
            "START mltrace/prep", "COMPLETE mltrace/prep",
            "START mltrace/train", "FAIL mltrace/train",
            "START mltrace/score", "COMPLETE mltrace/score"),
        types);

    JsonNode fail = LineageEventParser.MAPPER.readTree(lines.get(3));
    assertEquals(
        "java.lang.IllegalStateException: diverged",
        fail.path("run").path("facets").path("errorMessage").path("message").asText());
    assertEquals(
        "agent-2", fail.path("run").path("facets").path("mltrace_run").path("runId").asText());
    assertEquals(
        "3",
        fail.path("run")
            .path("facets")
            .path("mltrace_values")
            .path("outputs")
            .path("epochs")
            .asText());
    assertEquals("s3://models", fail.path("outputs").get(0).path("namespace").asText());
    assertEquals("m/model.bin", fail.path("outputs").get(0).path("name").asText());
    assertEquals("file", fail.path("inputs").get(0).path("namespace").asText());
    JsonNode memory = LineageEventParser.MAPPER.readTree(lines.get(4)).path("inputs").get(0);
    assertEquals("mltrace-memory", memory.path("namespace").asText());

    Instant t0 = Instant.EPOCH.plusNanos(RunBuilder.T0_MICROS * 1000);
    assertEquals(
        2, export(url, t0.plusSeconds(2), t0.plusSeconds(10)).size(), "--since/--until by start");
  }

  @Test
  void anOpenLineageRunExportedAndSentBackIsTheSameRun() throws Exception {
    String url = TestDatabases.h2Url(tmp.resolve("a"));
    Path queue = tmp.resolve("a-queue");
    String runId = UUID.randomUUID().toString();
    try (LineageIntake intake = LineageIntake.open(queue, Clock.systemUTC())) {
      intake.accept(
          OpenLineageEvents.event(
              "START", runId, "2025-03-01T10:00:00Z", OpenLineageEvents.file("/d/in.csv"), "[]"));
      intake.accept(
          OpenLineageEvents.event(
              "COMPLETE",
              runId,
              "2025-03-01T10:00:05Z",
              "[]",
              OpenLineageEvents.file("/d/out.csv")));
    }
    try (Collector c = Collector.open(url)) {
      c.drain(queue);
    }
    List<String> lines = export(url, null, null);
    assertEquals(2, lines.size());
    JsonNode end = LineageEventParser.MAPPER.readTree(lines.get(1));
    assertEquals(runId, end.path("run").path("runId").asText(), "a UUID run id stays as it is");
    assertEquals("etl", end.path("job").path("namespace").asText());
    assertEquals("featurize", end.path("job").path("name").asText());

    // into a second collector: the same component, run id, times and files
    Path queue2 = tmp.resolve("b-queue");
    try (LineageIntake intake = LineageIntake.open(queue2, Clock.systemUTC())) {
      for (String line : lines) {
        intake.accept(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    String url2 = TestDatabases.h2Url(tmp.resolve("b"));
    try (Collector c = Collector.open(url2)) {
      assertEquals(1, c.drain(queue2).runs());
    }
    try (QueryService a = QueryService.open(url);
        QueryService b = QueryService.open(url2)) {
      var ra = a.inspect(runId).run();
      var rb = b.inspect(runId).run();
      assertEquals(ra.row().component(), rb.row().component());
      assertEquals(ra.row().startTime(), rb.row().startTime());
      assertEquals(ra.row().endTime(), rb.row().endTime());
      assertEquals(
          List.of("/d/in.csv"),
          ra.inputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList());
      assertEquals(
          List.of("/d/out.csv"),
          ra.outputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList());
      assertEquals(
          ra.inputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList(),
          rb.inputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList());
      assertEquals(
          ra.outputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList(),
          rb.outputs().stream()
              .filter(v -> v.kind().equalsIgnoreCase("pointer"))
              .map(v -> v.value())
              .toList());
    }
  }

  private static final String URI_PRODUCER = OpenLineageExport.PRODUCER;

  private static void assertFacet(JsonNode facet, String line) {
    assertTrue(
        facet.path("_producer").isTextual() && facet.path("_schemaURL").isTextual(),
        "a facet without _producer and _schemaURL in " + line);
  }
}
