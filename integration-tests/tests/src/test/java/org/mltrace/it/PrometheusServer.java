package org.mltrace.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus server (package {@code prometheus}, which .ci/run installs), started on
 * loopback with a scrape config of one target. Without it the test is skipped with a message,
 * unless {@code MLTRACE_REQUIRE_PROMETHEUS=true} (CI), which fails it instead.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** Scrapes {@code target} ({@code HOST:PORT}) every second. */
  static PrometheusServer scraping(Path dir, String target) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      String why = "no " + BINARY + " (apt-get install prometheus): skipping the Prometheus test";
      if ("true".equals(System.getenv("MLTRACE_REQUIRE_PROMETHEUS"))) {
        Assertions.fail(why.replace("skipping", "required by MLTRACE_REQUIRE_PROMETHEUS for"));
      }
      Assumptions.abort(why);
    }
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: mltrace
                static_configs:
                  - targets: ["%s"]
            """
                .formatted(target));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new PrometheusServer(p, log, "http://127.0.0.1:" + port);
  }

  /**
   * The values of an instant query through Prometheus's HTTP API ({@code /api/v1/query}), as
   * strings; empty while Prometheus has no such series (or is still starting).
   */
  List<String> query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          url
                              + "/api/v1/query?query="
                              + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      return List.of();
    }
    if (r.statusCode() != 200) {
      return List.of();
    }
    JsonNode result = JSON.readTree(r.body()).path("data").path("result");
    return java.util.stream.StreamSupport.stream(result.spliterator(), false)
        .map(s -> s.path("value").get(1).asText())
        .toList();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
