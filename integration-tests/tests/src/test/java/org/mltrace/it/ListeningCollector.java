package org.mltrace.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code collect --queue QUEUE --listen 127.0.0.1:0} in the background, and requests to it. */
final class ListeningCollector implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private final Background process;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private ListeningCollector(Background process, String url) {
    this.process = process;
    this.url = url;
  }

  static ListeningCollector start(Path workDir, CollectorCli db, Path queue, String... extraArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-jar",
                Artifacts.collectorJar().toString(),
                "collect",
                "--queue",
                queue.toString(),
                "--listen",
                "127.0.0.1:0",
                "--db",
                db.url()));
    args.addAll(List.of(extraArgs));
    Background process = Background.start(workDir, "listening-collector", args);
    String[] url = new String[1];
    Poll.until(
        "the collector to print where it listens",
        120,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError("the collector exited:\n" + process);
          }
          Matcher m = LISTENING.matcher(process.stdout());
          if (m.find()) {
            url[0] = m.group(1);
            return true;
          }
          return false;
        });
    return new ListeningCollector(process, url[0]);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return url;
  }

  Background process() {
    return process;
  }

  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM and a clean exit. */
  int stop() throws Exception {
    return process.stop();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
