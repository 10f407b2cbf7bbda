package org.mltrace.collector.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.metrics.CollectorMetrics;
import org.mltrace.collector.openlineage.LineageIntake;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.TestDatabases;

/** Flags, notes and feedback over real HTTP into a real database; subclasses give it. */
abstract class LoggingApiContract {
  @TempDir Path tmp;
  private String url;
  private ListenerServer server;
  private final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  abstract String database();

  @BeforeEach
  void start() {
    url = database();
    TestDatabases.ingest(
        url,
        tmp.resolve("seed"),
        List.of(
            run("r1", "train").writes("model", "/m/model.bin", "model").build(),
            new TaskEvent(
                "tips",
                TaskEvent.BINARY,
                Double.NaN,
                "predict",
                "tripIds",
                "scores",
                null,
                null,
                null,
                0,
                100,
                10_000,
                List.of(),
                "taxi.yaml:40")));
    server =
        ListenerServer.start(
            ListenerAccess.of("127.0.0.1:0", null),
            new ListenerServices(
                LineageIntake.open(tmp.resolve("queue"), Clock.systemUTC()),
                CollectorMetrics.open(url, tmp.resolve("queue"), Clock.systemUTC()),
                QueryService.open(url),
                url,
                alerts::add));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNoteAndAFlagAreStoredAsTheCommandsStoreThem() throws Exception {
    HttpResponse<String> note =
        post(
            "/api/v1/note",
            "application/json",
            "{\"runId\": \"r1\", \"text\": \"retrained after the fix\"}");
    assertEquals(200, note.statusCode(), note.body());
    HttpResponse<String> flag =
        post(
            "/api/v1/flag",
            "application/json",
            "{\"id\": \"/m/model.bin\", \"note\": \"drifted\"}");
    assertEquals(200, flag.statusCode(), flag.body());
    assertEquals(
        "{\"pointer\":\"/m/model.bin\",\"note\":\"drifted\",\"flagged\":true}", flag.body());
    try (QueryService queries = QueryService.open(url)) {
      Annotations a = new Annotations(queries);
      assertEquals("retrained after the fix", a.notes("r1").get(0).text());
      assertEquals("/m/model.bin", a.flagged().get(0).pointer());
    }

    HttpResponse<String> unknownRun =
        post("/api/v1/note", "application/json", "{\"runId\": \"nope\", \"text\": \"x\"}");
    assertEquals(404, unknownRun.statusCode(), unknownRun.body());
    HttpResponse<String> missing = post("/api/v1/flag", "application/json", "{\"note\": \"x\"}");
    assertEquals(400, missing.statusCode());
    assertEquals("{\"error\":\"id is missing (expected a non-empty string)\"}", missing.body());
  }

  @Test
  void feedbackIsImportedLikeTheFeedbackCommandAndABadLabelRefusesTheWholeBody() throws Exception {
    String labels =
        "{\"task\": \"tips\", \"labels\": [{\"id\": \"t1\", \"label\": 1},"
            + " {\"id\": \"t2\", \"label\": \"0\", \"time\": \"2026-01-01T00:00:00Z\"}]}";
    HttpResponse<String> ok = post("/api/v1/feedback", "application/json", labels);
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("\"labels\":2,\"joined\":0,\"waiting\":2"), ok.body());

    HttpResponse<String> csv = post("/api/v1/feedback?task=tips", "text/csv", "id,label\nt3,1\n");
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.body().contains("\"labels\":1"), csv.body());

    HttpResponse<String> bad =
        post(
            "/api/v1/feedback",
            "application/json",
            "{\"labels\": [{\"id\": \"t4\", \"label\": 1}, {\"id\": \"t5\", \"label\": \"maybe\"}]}");
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("labels:3: label 'maybe' is not"), bad.body());
    assertTrue(bad.body().contains("nothing stored"), bad.body());
    assertTrue(bad.body().contains("(line 2 is labels[0])"), bad.body());

    HttpResponse<String> unknownTask =
        post("/api/v1/feedback?task=nope", "text/csv", "id,label\nt6,1\n");
    assertEquals(404, unknownTask.statusCode(), unknownTask.body());
  }
}
