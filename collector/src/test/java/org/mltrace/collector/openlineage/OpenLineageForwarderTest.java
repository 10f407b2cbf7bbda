package org.mltrace.collector.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.TestDatabases;

/** Forwarding stored runs to a real local HTTP receiver that fails its first requests. */
class OpenLineageForwarderTest {
  @TempDir Path tmp;
  private HttpServer receiver;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    receiver.createContext(
        "/api/v1/lineage",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = exchange.getRequestBody().readAllBytes();
          if (failFirst.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            received.add(LineageEventParser.MAPPER.readTree(body));
            exchange.sendResponseHeaders(201, -1);
          }
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private OpenLineageForwarder forwarder(String url) {
    OpenLineageForwarder f =
        new OpenLineageForwarder(
            QueryService.open(url),
            URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()),
            tmp.resolve("queue"),
            Duration.ofMillis(20),
            Duration.ofMillis(50));
    f.startThread();
    return f;
  }

  private static void await(String what, java.util.concurrent.Callable<Boolean> check)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!check.call()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Test
  void eachRunStoredAfterTheFirstStartIsSentInOrderRetriedAfterFailuresAndNotAgainAfterARestart()
      throws Exception {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp.resolve("history"), List.of(run("r0", "old").at(0, 1).build()));
    failFirst.set(2);
    try (OpenLineageForwarder f = forwarder(url)) {
      TestDatabases.ingest(
          url,
          tmp.resolve("a"),
          List.of(run("r1", "prep").at(0, 1).build(), run("r2", "train").at(2, 3).build()));
      await("two runs forwarded", () -> f.forwarded() == 2);
      assertEquals(2, f.failures(), "each 503 is counted");
      // a run stored while forwarding is sent as it is stored
      TestDatabases.ingest(url, tmp.resolve("b"), List.of(run("r3", "score").at(4, 5).build()));
      await("the third run forwarded", () -> f.forwarded() == 3);
    }
    assertEquals(
        List.of(
            "START prep",
            "COMPLETE prep",
            "START train",
            "COMPLETE train",
            "START score",
            "COMPLETE score"),
        received.stream()
            .map(e -> e.path("eventType").asText() + " " + e.path("job").path("name").asText())
            .toList());
    assertEquals(8, requests.get(), "6 events and the 2 refused sends");

    try (OpenLineageForwarder again = forwarder(url)) {
      Thread.sleep(300); // several polls
      assertEquals(0, again.forwarded(), "the cursor survived the restart");
    }
    assertEquals(6, received.size());
  }
}
