package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.testing.TestDatabases;

class JsonRendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path tmp;
  private static QueryService queries;

  @BeforeAll
  static void fill() {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp, Pipelines.taxi());
    queries = new QueryService(Database.open(url, Database.Access.EXISTING), tmp);
  }

  @AfterAll
  static void close() {
    queries.close();
  }

  private static JsonNode parse(String json) throws Exception {
    return MAPPER.readTree(json);
  }

  private static void assertRunObject(JsonNode run) {
    for (String key :
        List.of(
            "id",
            "component",
            "startTime",
            "endTime",
            "inputs",
            "outputs",
            "status",
            "durationMs",
            "codeVersion",
            "gitCommit",
            "host",
            "pid",
            "thread")) {
      assertTrue(run.has(key), key + " missing in " + run);
    }
    for (JsonNode v : run.get("inputs")) {
      assertTrue(v.has("name") && v.has("type") && v.has("value"), v.toString());
    }
  }

  @Test
  void pointerTraceNamesThePointerAndNestsUpstream() throws Exception {
    JsonNode root = parse(JsonRenderer.render(queries.trace("/out/pred.csv")));
    assertEquals("/out/pred.csv", root.get("pointer").asText());
    JsonNode predict = root.get("producedBy");
    assertRunObject(predict);
    assertEquals("predict-1", predict.get("id").asText());
    assertEquals("train-1", predict.get("upstream").get(0).get("id").asText());
    assertEquals("/m/model.bin", predict.get("upstream").get(0).get("via").get(0).asText());
    assertEquals(
        "featurize-1", predict.get("upstream").get(0).get("upstream").get(0).get("id").asText());
    assertEquals("split-1", predict.get("upstream").get(1).get("id").asText());
    assertEquals(0, predict.get("upstream").get(1).get("upstream").get(0).get("upstream").size());
  }

  @Test
  void runObjectFieldsFollowTheContract() throws Exception {
    JsonNode train = parse(JsonRenderer.render(queries.trace("train-1")));
    assertRunObject(train);
    assertEquals("2026-01-01T00:00:06Z", train.get("startTime").asText());
    assertEquals("2026-01-01T00:00:08Z", train.get("endTime").asText());
    assertEquals("ok", train.get("status").asText());
    assertFalse(train.has("error"));
    assertEquals(2000.0, train.get("durationMs").asDouble());
    assertEquals(4242, train.get("pid").asLong());
    JsonNode features = train.get("inputs").get(0);
    assertEquals("features", features.get("name").asText());
    assertEquals("data", features.get("type").asText());
    assertEquals("/d/ftrain", features.get("value").asText());
    assertEquals("java.io.File", features.get("className").asText());
    assertEquals(1234, features.get("size").asLong());
    JsonNode epochs = train.get("inputs").get(1);
    assertEquals("long", epochs.get("type").asText());
    assertEquals("10", epochs.get("value").asText());
    assertFalse(epochs.has("size"));
    assertEquals("model", train.get("outputs").get(0).get("type").asText());
    assertEquals("double", train.get("outputs").get(1).get("type").asText());
  }

  @Test
  void failedRunCarriesError() throws Exception {
    JsonNode run = parse(JsonRenderer.render(queries.inspect("train-2")));
    assertEquals("failed", run.get("status").asText());
    assertEquals("java.lang.IllegalStateException: diverged", run.get("error").asText());
    assertEquals("diverged", run.get("errorMessage").asText());
  }

  @Test
  void inspectAddsLinksAndComponentInfo() throws Exception {
    JsonNode run = parse(JsonRenderer.render(queries.inspect("train-1")));
    assertRunObject(run);
    assertEquals("featurize-1", run.get("dependencies").get(0).get("runId").asText());
    assertEquals("predict-1", run.get("dependents").get(0).get("runId").asText());
    assertEquals("ml-team", run.get("componentInfo").get("owner").asText());
    assertEquals("train", run.get("component").asText());
  }

  @Test
  void historyIsAnArrayOfRunObjects() throws Exception {
    JsonNode runs = parse(JsonRenderer.render(queries.history("train", 2)));
    assertTrue(runs.isArray());
    assertEquals(2, runs.size());
    assertRunObject(runs.get(0));
    assertEquals("train-2", runs.get(0).get("id").asText());
  }

  @Test
  void sqlIsAnArrayOfRowObjects() throws Exception {
    JsonNode rows =
        parse(
            JsonRenderer.render(
                queries.sql("SELECT id, pid FROM component_runs WHERE id = 'load-1'")));
    assertEquals("load-1", rows.get(0).get("id").asText());
    assertEquals(4242, rows.get(0).get("pid").asLong());
  }
}
