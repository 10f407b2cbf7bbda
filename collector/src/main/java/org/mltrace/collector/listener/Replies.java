package org.mltrace.collector.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.mltrace.collector.http.Responses;

/** Writes the listener's replies: JSON, or text for {@code /metrics}. */
final class Replies {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Replies() {}

  static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    bytes(
        exchange,
        status,
        "application/json; charset=utf-8",
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"error": message}}. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, MAPPER.createObjectNode().put("error", message));
  }

  static void bytes(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    Responses.send(exchange, status, contentType, body);
    exchange.close();
  }
}
