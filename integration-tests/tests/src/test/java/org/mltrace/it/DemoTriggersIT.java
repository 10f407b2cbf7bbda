package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo scenario end to end: the taxi pipeline under the agent on three nights (clean
 * data, a burst of blank fares, drifted fares), one {@code collect --once} with a webhook, then the
 * triggers' verdicts, the alerts, the webhook's notifications and the bad night's trace.
 */
class DemoTriggersIT {
  @TempDir Path dir;

  @Test
  void theNullBurstAndTheDriftFailTheirTriggersAndRaiseAlerts() throws Exception {
    Path queue = dir.resolve("queue");
    String[][] nights = {{"1", "none"}, {"2", "nulls"}, {"3", "drift"}};
    for (String[] night : nights) {
      ProcessResult r =
          TracedApp.withAgent(
              dir,
              Artifacts.configExample("taxi.yaml"),
              queue,
              List.of(
                  "-jar",
                  Artifacts.demoJar().toString(),
                  dir.resolve("night" + night[0]).toString(),
                  "--seed",
                  night[0],
                  "--data-problem",
                  night[1]));
      assertEquals(0, r.exitCode(), r::toString);
    }

    List<String> posts = Collections.synchronizedList(new ArrayList<>());
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/hook",
        exchange -> {
          posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.start();
    CollectorCli mltrace = CollectorCli.h2(dir);
    ProcessResult collect;
    try {
      collect =
          mltrace.run(
              "collect",
              "--queue",
              queue.toString(),
              "--once",
              "--alert-webhook",
              "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
    } finally {
      webhook.stop(0);
    }
    assertEquals(0, collect.exitCode(), collect::toString);
    assertTrue(collect.stdout().contains("alerts: 2 opened, 1 resolved"), collect::toString);

    // Each night's verdicts, in run order: night 1 has no previous fares to compare with (skipped),
    // night 2's raw fares are a third blank, night 3's fares are 60% higher than night 2's.
    JsonNode results =
        mltrace.rows(
            "SELECT r.component, t.trigger_name, t.status FROM trigger_results t"
                + " JOIN component_runs r ON r.id = t.run_id"
                + " ORDER BY r.start_time, t.phase, t.position");
    List<String> verdicts = new ArrayList<>();
    results.forEach(
        row ->
            verdicts.add(
                row.path("component").asText()
                    + " "
                    + row.path("trigger_name").asText()
                    + " "
                    + row.path("status").asText()));
    assertEquals(
        List.of(
            "clean not_null pass",
            "featurize psi skipped",
            "featurize range pass",
            "evaluate metric_threshold pass",
            "clean not_null fail",
            "featurize psi pass",
            "featurize range pass",
            "evaluate metric_threshold pass",
            "clean not_null pass",
            "featurize psi fail",
            "featurize range pass",
            "evaluate metric_threshold pass"),
        verdicts);

    List<String> alerts = new ArrayList<>();
    mltrace
        .json("alerts", "--all")
        .forEach(
            a ->
                alerts.add(
                    a.path("component").asText()
                        + " "
                        + a.path("trigger").asText()
                        + " "
                        + a.path("status").asText()));
    Collections.sort(alerts);
    assertEquals(List.of("clean not_null resolved", "featurize psi open"), alerts);

    List<String> events = new ArrayList<>();
    for (String post : posts) {
      JsonNode body = new ObjectMapper().readTree(post);
      events.add(body.path("event").asText() + " " + body.path("component").asText());
    }
    Collections.sort(events);
    assertEquals(List.of("opened clean", "opened featurize", "resolved clean"), events);

    ProcessResult trace = mltrace.run("trace", dir.resolve("night2/predictions.csv").toString());
    assertEquals(0, trace.exitCode(), trace::toString);
    assertTrue(trace.stdout().contains("FAIL  not_null (after_run): 'rawFares'"), trace.stdout());
  }
}
