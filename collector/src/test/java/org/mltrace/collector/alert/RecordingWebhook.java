package org.mltrace.collector.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A real HTTP server on 127.0.0.1 that records every POST body and answers 200, or the statuses
 * queued with {@link #failNext}.
 */
final class RecordingWebhook implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new ArrayList<>();
  private final List<String> contentTypes = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int requests;

  RecordingWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status;
          synchronized (this) {
            requests++;
            Integer queued = statuses.poll();
            status = queued == null ? 200 : queued;
            if (status == 200) {
              bodies.add(body);
              contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            }
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next requests are answered with these statuses, in order. */
  synchronized void failNext(int... codes) {
    for (int c : codes) {
      statuses.add(c);
    }
  }

  /** Bodies of the requests answered 200, in arrival order. */
  synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  synchronized List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  /** Every request, whatever the answer. */
  synchronized int requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
