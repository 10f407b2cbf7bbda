package org.mltrace.collector.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.metrics.CollectorMetrics;
import org.mltrace.collector.openlineage.LineageIntake;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.testing.TestDatabases;

/** The listener over real HTTP, with a real intake writing a real queue. */
class ListenerServerTest {
  @TempDir Path tmp;
  private ListenerServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private static final String EVENT =
      "{\"eventType\": \"START\", \"eventTime\": \"2025-01-01T00:00:00Z\","
          + " \"run\": {\"runId\": \"r-1\"}, \"job\": {\"namespace\": \"ns\", \"name\": \"j\"}}";

  @BeforeEach
  void start() {
    String url = TestDatabases.h2Url(tmp);
    Database.open(url, Database.Access.CREATE).close();
    server =
        ListenerServer.start(
            ListenerAccess.of("127.0.0.1:0", "secret-token"),
            new ListenerServices(
                LineageIntake.open(tmp.resolve("queue"), Clock.systemUTC()),
                CollectorMetrics.open(url, tmp.resolve("queue"), Clock.systemUTC()),
                QueryService.open(url),
                url,
                alert -> {}));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String type, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer secret-token")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWellFormedEventIsAcceptedOnceAndARepeatChangesNothing() throws Exception {
    HttpResponse<String> first = post("/api/v1/lineage", "application/json", utf8(EVENT));
    assertEquals(201, first.statusCode(), first.body());
    assertEquals("{\"status\":\"opened\"}", first.body());
    HttpResponse<String> again =
        post("/api/v1/lineage", "application/json; charset=utf-8", utf8(EVENT));
    assertEquals(200, again.statusCode(), again.body());
    assertEquals("{\"status\":\"unchanged\"}", again.body());
    assertTrue(Files.exists(tmp.resolve("queue/openlineage-runs/r-1.open")));
  }

  @Test
  void aGzippedBodyIsInflated() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(utf8(EVENT));
    }
    HttpResponse<String> r =
        post(
            "/api/v1/lineage",
            "application/json",
            zipped.toByteArray(),
            "Content-Encoding",
            "gzip");
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() throws Exception {
    HttpResponse<String> malformed =
        post("/api/v1/lineage", "application/json", utf8("{\"eventType\""));
    assertEquals(400, malformed.statusCode());
    assertTrue(
        malformed.body().startsWith("{\"error\":\"malformed JSON at line 1, column 13"),
        malformed.body());

    HttpResponse<String> text = post("/api/v1/lineage", "text/plain", utf8(EVENT));
    assertEquals(415, text.statusCode());
    assertEquals(
        "{\"error\":\"expected Content-Type: application/json, got text/plain\"}", text.body());

    HttpResponse<String> big =
        post("/api/v1/lineage", "application/json", new byte[LineageHandlerLimits.MAX + 1]);
    assertEquals(413, big.statusCode(), big.body());
    assertEquals(
        "{\"error\":\"the body is larger than 4096 KiB, the most one event may carry\"}",
        big.body());

    HttpResponse<String> elsewhere = post("/api/v1/other", "application/json", utf8(EVENT));
    assertEquals(404, elsewhere.statusCode());

    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/lineage"))
                .header("Authorization", "Bearer secret-token")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());

    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/lineage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, noToken.statusCode());
    assertTrue(
        Files.notExists(tmp.resolve("queue/openlineage-runs/r-1.open")),
        "nothing was kept from a refused request");
  }

  @Test
  void anAddressOffLoopbackNeedsAToken() {
    ListenerException e =
        assertThrows(ListenerException.class, () -> ListenerAccess.of("0.0.0.0:8322", null));
    assertEquals(
        "refusing to listen on 0.0.0.0:8322 without a token: anyone who can reach it could write"
            + " lineage; pass --token TOKEN or set MLTRACE_LISTEN_TOKEN (or listen on 127.0.0.1)",
        e.getMessage());
    assertEquals(
        "--listen expects HOST:PORT (e.g. 127.0.0.1:8322), got '8322'",
        assertThrows(ListenerException.class, () -> ListenerAccess.of("8322", null)).getMessage());
  }

  /** The handler's limit, read here so the test follows it. */
  private static final class LineageHandlerLimits {
    static final int MAX = LineageHandler.MAX_BODY_BYTES;
  }
}
