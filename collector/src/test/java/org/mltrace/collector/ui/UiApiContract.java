package org.mltrace.collector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over a real database holding {@link UiFixture}'s history, through real HTTP. The H2
 * and PostgreSQL subclasses give the database.
 */
abstract class UiApiContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static UiServer server;

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = get(pathAndQuery);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).asText()));
    return out;
  }

  @Test
  void componentsListsEachWithItsRunCountAndLastStatus() throws Exception {
    HttpResponse<String> r = get("api/components");
    assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").get());
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").get());
    JsonNode list = JSON.readTree(r.body());
    Set<String> names = new TreeSet<>(texts(list, "name"));
    assertEquals(
        new TreeSet<>(List.of("load", UiFixture.EVIL_COMPONENT, "train", "predict")), names);
    for (JsonNode c : list) {
      if (c.get("name").asText().equals("train")) {
        assertEquals(2, c.get("runs").asInt());
        assertEquals("train-2", c.get("lastRunId").asText());
        assertEquals("ok", c.get("lastStatus").asText());
      }
    }
  }

  @Test
  void historyPagesNewestFirstWithMetricsAndTriggerValues() throws Exception {
    JsonNode page = getJson("api/history?component=train&limit=50");
    assertEquals(2, page.get("total").asInt());
    assertEquals(List.of("train-2", "train-1"), texts(page.get("runs"), "id"));
    assertEquals(0.5, page.get("runs").get(0).get("metrics").get("loss").asDouble());
    assertEquals(0.25, page.get("runs").get(1).get("metrics").get("loss").asDouble());
    assertEquals(List.of("train-1", "train-2"), texts(page.get("triggers"), "runId"));
    assertEquals(List.of("pass", "fail"), texts(page.get("triggers"), "status"));
    assertEquals(0.4, page.get("triggers").get(1).get("threshold").asDouble());

    JsonNode second = getJson("api/history?component=train&limit=1&offset=1");
    assertEquals(List.of("train-1"), texts(second.get("runs"), "id"));
    assertEquals(2, second.get("total").asInt());
  }

  @Test
  void runShowsWhatInspectShowsPlusTriggersAndCapturedTextVerbatim() throws Exception {
    JsonNode run = getJson("api/run?id=clean-1");
    assertEquals(UiFixture.EVIL_COMPONENT, run.get("component").asText());
    assertEquals(UiFixture.EVIL_TEXT, run.get("outputs").get(1).get("value").asText());
    assertEquals(List.of("load-1"), texts(run.get("dependencies"), "runId"));
    assertEquals(List.of("train-1", "train-2"), texts(run.get("dependents"), "runId"));

    JsonNode train = getJson("api/run?id=train-2");
    assertEquals("fail", train.get("triggers").get(0).get("status").asText());
    assertEquals("metric_threshold", train.get("triggers").get(0).get("trigger").asText());
  }

  @Test
  void aValueWithAStoredSampleGetsItsHistogramAndOneWithOnlyASummaryNone() throws Exception {
    JsonNode weights = output(getJson("api/run?id=train-2"), "weights");
    JsonNode h = weights.get("histogram");
    assertEquals("sample", h.get("source").asText());
    assertEquals(11, h.get("sampleSize").asInt());
    assertEquals(1, h.get("nonFinite").asInt(), "the NaN is counted, not binned");
    // Hand-computed in UiFixture.WEIGHTS_SAMPLE's comment.
    assertEquals(List.of(1, 2, 0, 3, 4), ints(h.get("counts")));
    List<Double> edges = new java.util.ArrayList<>();
    h.get("edges").forEach(e -> edges.add(e.asDouble()));
    assertEquals(6, edges.size());
    double[] expected = {1, 1.6, 2.2, 2.8, 3.4, 4};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], edges.get(i), 1e-12, "edge " + i);
    }
    JsonNode summaryOnly = output(getJson("api/run?id=train-1"), "weights");
    assertTrue(summaryOnly.has("summary"), summaryOnly.toString());
    assertFalse(summaryOnly.has("histogram"), summaryOnly.toString());
  }

  @Test
  void traceDepthAndTimeWindowLimitTheUpstreamGraphAsTheCliDoes() throws Exception {
    String pred = q("/out/pred.csv");
    assertEquals(
        Set.of("predict-1", "train-2"),
        new TreeSet<>(texts(getJson("api/trace?depth=1&id=" + pred).get("nodes"), "id")));
    // since 00:00:02 (clean-1 started then) leaves load-1 (0 s) out; until 00:00:05 leaves
    // train-2 (6 s) out, and with it everything above it.
    assertEquals(
        Set.of("predict-1", "train-2", "clean-1"),
        new TreeSet<>(
            texts(getJson("api/trace?since=2026-01-01T00:00:02Z&id=" + pred).get("nodes"), "id")));
    assertEquals(
        Set.of("predict-1"),
        new TreeSet<>(
            texts(getJson("api/trace?until=2026-01-01T00:00:05Z&id=" + pred).get("nodes"), "id")));
    JsonNode limited = getJson("api/trace?depth=2&since=2026-01-01&id=" + pred);
    assertEquals(2, limited.get("depth").asInt());
    assertEquals("2026-01-01T00:00:00Z", limited.get("since").asText());
  }

  @Test
  void impactKeepsTheLimitsAndDropsWhatOnlyARunOutsideTheWindowLedTo() throws Exception {
    assertEquals(
        Set.of("load-1", "clean-1"),
        new TreeSet<>(
            texts(getJson("api/trace?direction=impact&depth=1&id=load-1").get("nodes"), "id")));
    // until 00:00:05 leaves train-2 (6 s) out, so predict-1, derived only through it, goes too
    // (predict-1 started at 8 s anyway); train-1 (4 s) stays.
    assertEquals(
        Set.of("load-1", "clean-1", "train-1"),
        new TreeSet<>(
            texts(
                getJson("api/trace?direction=impact&until=2026-01-01T00:00:05Z&id=load-1")
                    .get("nodes"),
                "id")));
    // since 00:00:03 leaves clean-1 (2 s) out: nothing derived from load-1 is reached through it.
    assertEquals(
        Set.of("load-1"),
        new TreeSet<>(
            texts(
                getJson("api/trace?direction=impact&since=2026-01-01T00:00:03Z&id=load-1")
                    .get("nodes"),
                "id")));
  }

  private static JsonNode output(JsonNode run, String name) {
    for (JsonNode o : run.get("outputs")) {
      if (o.get("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no output " + name + " in " + run);
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> list = new java.util.ArrayList<>();
    array.forEach(n -> list.add(n.asInt()));
    return list;
  }

  @Test
  void traceOfAnOutputIsItsUpstreamGraphWithFailedTriggersMarked() throws Exception {
    JsonNode g = getJson("api/trace?id=" + q("/out/pred.csv"));
    assertEquals("/out/pred.csv", g.get("pointer").asText());
    assertEquals("predict-1", g.get("rootRun").asText());
    assertEquals(
        new TreeSet<>(List.of("predict-1", "train-2", "clean-1", "load-1")),
        new TreeSet<>(texts(g.get("nodes"), "id")));
    Set<String> edges = new TreeSet<>();
    g.get("edges").forEach(e -> edges.add(e.get("from").asText() + ">" + e.get("to").asText()));
    assertEquals(Set.of("load-1>clean-1", "clean-1>train-2", "train-2>predict-1"), edges);
    for (JsonNode n : g.get("nodes")) {
      boolean failedTrigger = n.get("id").asText().equals("train-2");
      assertEquals(failedTrigger ? 1 : 0, n.get("failedTriggers").size(), n.toString());
      assertEquals(n.get("id").asText().equals("predict-1"), n.get("root").asBoolean());
    }
  }

  @Test
  void impactOfARunIsEverythingDerivedFromIt() throws Exception {
    JsonNode g = getJson("api/trace?direction=impact&id=load-1");
    assertEquals(
        new TreeSet<>(List.of("load-1", "clean-1", "train-1", "train-2", "predict-1")),
        new TreeSet<>(texts(g.get("nodes"), "id")));
    Set<String> edges = new TreeSet<>();
    g.get("edges").forEach(e -> edges.add(e.get("from").asText() + ">" + e.get("to").asText()));
    // predict-1 read the model train-2 wrote, not train-1's.
    assertEquals(
        Set.of("load-1>clean-1", "clean-1>train-1", "clean-1>train-2", "train-2>predict-1"), edges);
  }

  @Test
  void flaggingAnOutputMarksItsProducerAndFillsTheReview() throws Exception {
    assertEquals(0, getJson("api/review").get("flagged").size());
    HttpResponse<String> flagged =
        post("api/flag", "{\"id\":\"/out/pred.csv\",\"note\":\"bad fares\"}");
    assertEquals(200, flagged.statusCode(), flagged.body());
    try {
      JsonNode review = getJson("api/review");
      assertEquals(List.of("/out/pred.csv"), texts(review.get("flagged"), "pointer"));
      assertEquals("bad fares", review.get("flagged").get(0).get("note").asText());
      // Each run occurs in the one trace: ties broken by the most recent start.
      assertEquals(
          List.of("predict-1", "train-2", "clean-1", "load-1"), texts(review.get("runs"), "id"));
      JsonNode g = getJson("api/trace?id=predict-1");
      for (JsonNode n : g.get("nodes")) {
        assertEquals(
            n.get("id").asText().equals("predict-1") ? 1 : 0, n.get("flaggedOutputs").size());
      }
    } finally {
      assertEquals(200, post("api/unflag", "{\"id\":\"/out/pred.csv\"}").statusCode());
    }
    assertEquals(0, getJson("api/review").get("flagged").size());
    assertEquals(0, getJson("api/review").get("runs").size());
  }

  @Test
  void alertsStaleAndRecentAnswer() throws Exception {
    assertTrue(getJson("api/alerts?all=true").isArray());
    assertTrue(getJson("api/stale").isArray());
    assertEquals(
        List.of("predict-1", "train-2", "train-1", "clean-1", "load-1"),
        texts(getJson("api/recent?limit=10"), "id"));
  }

  @Test
  void badRequestsGetAClearErrorAndNoStackTrace() throws Exception {
    assertError(
        get("api/history?component=train&limit=0"), 400, "limit must be between 1 and 1000, got 0");
    assertError(get("api/history?component=nope"), 404, "no component named 'nope'");
    assertError(
        get("api/trace?id=x&direction=sideways"),
        400,
        "'direction' must be one of upstream, impact, got 'sideways'");
    assertError(get("api/trace?id=x&depth=0"), 400, "'depth' must be at least 1, got 0");
    assertError(
        get("api/trace?id=x&since=yesterday"),
        400,
        "'since' must be an instant (2026-01-01T06:00:00Z) or a date (2026-01-01), got"
            + " 'yesterday'");
    assertError(
        get("api/trace?id=x&since=2026-01-02&until=2026-01-01"),
        400,
        "'since' (2026-01-02T00:00:00Z) must be before 'until' (2026-01-01T00:00:00Z)");
    assertError(get("api/run?id=" + q("a\u0001b")), 400, "'id' contains a control character");
    assertError(get("api/run"), 400, "'id' is required");
    assertError(get("api/run?id=nope"), 404, "no run with id 'nope'");
    assertError(get("api/nope"), 404, "no API call nope");
    assertError(
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/flag"))
                .POST(HttpRequest.BodyPublishers.ofString("id=/out/pred.csv"))
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        400,
        "POST bodies must be application/json");
    assertError(post("api/flag", "[1]"), 400, "the request body must be a JSON object");
    assertError(post("api/flag", "{\"id\":\"/no/such\"}"), 404, "/no/such");
    assertError(
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/components"))
                .method("PUT", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString()),
        405,
        "only GET and POST are served");
  }

  @Test
  void aRequestFromAnotherSiteIsRefused() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/flag"))
                .header("Content-Type", "application/json")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"/out/pred.csv\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(r, 403, "cross-origin request refused");
    assertEquals(0, getJson("api/review").get("flagged").size());
  }

  @Test
  void monitorSeriesOfANumberASummaryAndATriggerAndTheRunAClickOpens() throws Exception {
    JsonNode overview = getJson("api/monitor");
    assertTrue(overview.get("components").toString().contains("\"train\""), overview.toString());
    List<String> ids = texts(getJson("api/monitor/metrics?component=train"), "id");
    assertTrue(
        ids.containsAll(List.of("loss", "weights.mean", "trigger:metric_threshold")),
        ids.toString());
    // 1,000 buckets of 3 ms between the two runs' starts (4 s and 6 s): one run each
    JsonNode loss = getJson("api/monitor/series?component=train&metric=loss&buckets=1000");
    assertEquals(List.of("train-1", "train-2"), texts(loss.get("buckets"), "runId"));
    assertEquals(0.25, loss.get("buckets").get(0).get("mean").asDouble());
    assertEquals(0.5, loss.get("buckets").get(1).get("max").asDouble());
    assertEquals(1, loss.get("buckets").get(1).get("runs").asInt());
    JsonNode nulls =
        getJson("api/monitor/series?component=train&metric=weights.null_fraction&buckets=1");
    assertEquals("summary", nulls.get("kind").asText());
    assertEquals(1.0 / 11, nulls.get("buckets").get(0).get("mean").asDouble(), 1e-15);
    assertEquals(2, nulls.get("buckets").get(0).get("runs").asInt());
    JsonNode trigger =
        getJson("api/monitor/series?component=train&metric=trigger:metric_threshold&buckets=1");
    JsonNode bucket = trigger.get("buckets").get(0);
    assertEquals(List.of(2, 1), List.of(bucket.get("runs").asInt(), bucket.get("failed").asInt()));
    assertEquals(0.4, trigger.get("threshold").asDouble());
    assertTrue(bucket.get("runId") == null, "two runs: a click asks which to open");
    String range =
        "&since=" + q(trigger.get("since").asText()) + "&until=" + q(trigger.get("until").asText());
    assertEquals(
        "train-2",
        getJson("api/monitor/pick?component=train&metric=trigger:metric_threshold" + range)
            .get("runId")
            .asText(),
        "the failed one");
    assertEquals(
        "train-2",
        getJson("api/monitor/pick?component=train&metric=loss" + range).get("runId").asText(),
        "the largest loss");
    assertError(
        get("api/monitor/series?component=train&metric=loss&buckets=0"), 400, "between 1 and 1000");
    assertError(
        get("api/monitor/series?component=train&metric=loss&last=7x"), 400, "'last' must be");
    assertError(
        get("api/monitor/series?component=nope&metric=loss"), 404, "no component named 'nope'");
    assertError(
        get("api/monitor/series?component=train&metric=nope"),
        404,
        "recorded no number named 'nope'");
    assertError(get("api/monitor/pick?component=train&metric=loss"), 400, "'since' is required");
  }

  static void assertError(HttpResponse<String> r, int status, String messagePart)
      throws IOException {
    assertEquals(status, r.statusCode(), r.body());
    String error = JSON.readTree(r.body()).get("error").asText();
    assertTrue(error.contains(messagePart), error);
    assertFalse(r.body().contains("at org."), r.body());
  }
}
