package org.mltrace.collector.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.mltrace.collector.metrics.CollectorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: {@link CollectorMetrics} in Prometheus text format 0.0.4; 503 with the
 * reason when the database does not answer (Prometheus then records a failed scrape).
 */
final class MetricsHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(MetricsHandler.class);
  private final CollectorMetrics metrics;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  MetricsHandler(CollectorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Replies.error(exchange, 405, "use GET");
        return;
      }
      MetricSnapshots snapshots;
      try {
        snapshots = metrics.scrape();
      } catch (RuntimeException e) {
        log.warn("could not read the metrics", e);
        Replies.error(exchange, 503, "could not read the metrics: " + e.getMessage());
        return;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      writer.write(body, snapshots);
      Replies.bytes(exchange, 200, writer.getContentType(), body.toByteArray());
    }
  }
}
