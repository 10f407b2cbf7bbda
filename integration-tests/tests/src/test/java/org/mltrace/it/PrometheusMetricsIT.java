package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes {@code GET /metrics} of {@code collect --listen}, and the value
 * read back through Prometheus's query API is what the collector stored.
 */
class PrometheusMetricsIT {
  @TempDir Path dir;

  @Test
  void prometheusScrapesTheStoredRunsOfAComponent() throws Exception {
    CollectorCli db = CollectorCli.h2(dir);
    Path queue = dir.resolve("queue");
    try (ListeningCollector collector = ListeningCollector.start(dir, db, queue)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r =
            collector.post(
                "/api/v1/lineage",
                "application/json",
                """
                {"eventType": "COMPLETE", "eventTime": "%s", "run": {"runId": "%s"},
                 "job": {"namespace": "cron", "name": "export"}}
                """
                    .formatted(Instant.now(), UUID.randomUUID()));
        assertEquals(201, r.statusCode(), r.body());
      }
      Poll.until(
          "the collector to store the three runs",
          60,
          () ->
              collector
                  .get("/metrics")
                  .body()
                  .contains("mltrace_runs_stored{component=\"cron/export\",status=\"ok\"} 3.0"));
      String text = collector.get("/metrics").body();
      assertTrue(text.contains("# TYPE mltrace_queue_unread_entries gauge"), text);

      Path promDir = Files.createDirectories(dir.resolve("prometheus"));
      try (PrometheusServer prometheus =
          PrometheusServer.scraping(promDir, collector.url().substring("http://".length()))) {
        String query = "mltrace_runs_stored{component=\"cron/export\",status=\"ok\"}";
        Poll.until(
            "Prometheus to scrape the collector",
            90,
            () -> prometheus.query(query).equals(List.of("3")));
        assertEquals(List.of("1"), prometheus.query("up{job=\"mltrace\"}"), prometheus::toString);
      }
      assertEquals(0, collector.stop(), collector.process()::toString);
    }
  }
}
