package org.mltrace.collector.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.mltrace.collector.MltraceException;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.truth.FeedbackImport;

/**
 * {@code POST /api/v1/feedback}: labels for a task's predictions, with exactly the semantics of
 * {@code mltrace feedback --file} (the body goes through the same import: one transaction, a repeat
 * changes nothing, a later label of an id replaces the earlier one, a body with a bad label is
 * refused whole, and the task's SLA alerts go to the collector's alert sinks). Either
 *
 * <ul>
 *   <li>{@code Content-Type: application/json}: {@code {"task": T?, "labels": [{"id": ID, "label":
 *       L, "time": ISO?}, ...]}}, or
 *   <li>{@code Content-Type: text/csv}: the feedback file itself ({@code id,label[,time]} header),
 *       the task as {@code ?task=T}.
 * </ul>
 *
 * Replies 200 with the import's summary ({@code joined}, {@code waiting}, the metrics), 400 with
 * every bad label, 404 for an unknown task.
 */
final class FeedbackHandler implements HttpHandler {
  private final String jdbcUrl;
  private final Consumer<AlertEvent> alerts;

  FeedbackHandler(String jdbcUrl, Consumer<AlertEvent> alerts) {
    this.jdbcUrl = jdbcUrl;
    this.alerts = alerts;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Path dir = null;
      try {
        byte[] body = JsonRequests.body(exchange, "application/json", "text/csv");
        boolean json =
            exchange
                .getRequestHeaders()
                .getFirst("Content-Type")
                .toLowerCase()
                .startsWith("application/json");
        String task;
        String csv;
        if (json) {
          JsonNode request = JsonRequests.object(body);
          task = JsonRequests.optionalText(request, "task");
          csv = csv(request.path("labels"));
        } else {
          task = query(exchange).get("task");
          csv = new String(body, StandardCharsets.UTF_8);
        }
        dir = Files.createTempDirectory("mltrace-feedback");
        Path file = Files.writeString(dir.resolve("body.csv"), csv, StandardCharsets.UTF_8);
        FeedbackImport.Result r;
        try {
          r = FeedbackImport.run(jdbcUrl, file, task);
        } catch (MltraceException e) {
          String message =
              e.getMessage().replace(file.toString(), json ? "labels" : "body")
                  + (json ? " (line 2 is labels[0])" : "");
          Replies.error(exchange, JsonRequests.status(e), message);
          return;
        }
        r.alerts().forEach(alerts);
        ObjectNode reply =
            Replies.MAPPER
                .createObjectNode()
                .put("task", r.task())
                .put("labels", r.labels())
                .put("joined", r.joined())
                .put("waiting", r.waiting())
                .put("labelled", r.labelled());
        ObjectNode metrics = reply.putObject("metrics");
        r.metrics()
            .forEach(
                (k, v) -> {
                  if (v == null || v.isNaN()) {
                    metrics.putNull(k);
                  } else {
                    metrics.put(k, v);
                  }
                });
        Replies.json(exchange, 200, reply);
      } catch (JsonRequests.Refused r) {
        JsonRequests.refuse(exchange, r);
      } finally {
        if (dir != null) {
          Files.deleteIfExists(dir.resolve("body.csv"));
          Files.deleteIfExists(dir);
        }
      }
    }
  }

  /** The labels as the feedback file's CSV, each field quoted. */
  private static String csv(JsonNode labels) throws JsonRequests.Refused {
    if (!labels.isArray() || labels.isEmpty()) {
      throw new JsonRequests.Refused(400, "labels is missing (expected a non-empty array)");
    }
    StringBuilder csv = new StringBuilder("id,label,time\n");
    for (int i = 0; i < labels.size(); i++) {
      JsonNode l = labels.get(i);
      String where = "labels[" + i + "]";
      if (!l.isObject() || !l.path("id").isValueNode() || !l.path("label").isValueNode()) {
        throw new JsonRequests.Refused(400, where + " must be an object with id and label");
      }
      String id = l.get("id").asText();
      if (id.contains("\n") || id.contains("\r")) {
        throw new JsonRequests.Refused(400, where + ".id must not contain a line break");
      }
      csv.append(quoted(id)).append(',').append(quoted(l.get("label").asText())).append(',');
      csv.append(l.path("time").isTextual() ? quoted(l.get("time").asText()) : "").append('\n');
    }
    return csv.toString();
  }

  private static String quoted(String field) {
    return '"' + field.replace("\n", " ").replace("\"", "\"\"") + '"';
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new java.util.HashMap<>();
    String q = exchange.getRequestURI().getRawQuery();
    if (q != null) {
      for (String pair : q.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }
}
