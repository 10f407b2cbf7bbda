package org.mltrace.collector.listener;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;
import org.mltrace.collector.MltraceException;

/** The checks the logging API's POST endpoints share, and the reply for a refused request. */
final class JsonRequests {
  /** Flags, notes and a batch of labels are small; a bigger body is refused (413). */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private JsonRequests() {}

  /** A request that cannot be served; {@code status} is the HTTP status to reply with. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** POST with a body of one of {@code types} (by prefix), at most {@link #MAX_BODY_BYTES}. */
  static byte[] body(HttpExchange exchange, String... types) throws IOException, Refused {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      throw new Refused(405, "use POST");
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    boolean accepted = false;
    for (String t : types) {
      accepted |= lower.startsWith(t);
    }
    if (!accepted) {
      throw new Refused(
          415,
          "expected Content-Type: "
              + String.join(" or ", types)
              + ", got "
              + (type == null ? "none" : type));
    }
    try {
      return RequestBodies.read(exchange, MAX_BODY_BYTES);
    } catch (RequestBodies.TooLargeException e) {
      throw new Refused(413, e.getMessage());
    }
  }

  static JsonNode object(byte[] body) throws Refused {
    JsonNode node;
    try {
      node = Replies.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new Refused(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refused(400, "unreadable body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new Refused(400, "expected a JSON object");
    }
    return node;
  }

  /** A required non-blank string field. */
  static String text(JsonNode object, String field) throws Refused {
    JsonNode v = object.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new Refused(400, field + " is missing (expected a non-empty string)");
    }
    return v.asText();
  }

  /** An optional string field; null when absent. */
  static String optionalText(JsonNode object, String field) throws Refused {
    JsonNode v = object.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Refused(400, field + " must be a string");
    }
    return v.asText();
  }

  /** The status for an mltrace failure: 400 for a bad request, 404 for unknown, 503 for I/O. */
  static int status(MltraceException e) {
    return switch (e.category()) {
      case USAGE -> 400;
      case NOT_FOUND -> 404;
      case IO -> 503;
    };
  }

  static void refuse(HttpExchange exchange, Refused r) throws IOException {
    Replies.error(exchange, r.status, r.getMessage());
  }
}
