package org.mltrace.collector.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.mltrace.collector.openlineage.InvalidLineageEventException;
import org.mltrace.collector.openlineage.LineageIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/lineage}: one OpenLineage {@code RunEvent} as JSON. Replies 201 {@code
 * {"status":"opened"|"queued"}} once the event is durable, 200 {@code {"status":"unchanged"}} for a
 * repeat, 400 with the reason for an event that is not well formed (nothing kept), 413 over {@link
 * #MAX_BODY_BYTES}, 415 without a JSON content type, 503 when the event could not be written.
 */
final class LineageHandler implements HttpHandler {
  /**
   * Facets such as a Spark plan or a SQL text can be large; a whole event beyond this is refused.
   */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(LineageHandler.class);

  private final LineageIntake intake;

  LineageHandler(LineageIntake intake) {
    this.intake = intake;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Replies.error(exchange, 405, "use POST with an OpenLineage RunEvent as JSON");
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        Replies.error(
            exchange,
            415,
            "expected Content-Type: application/json, got " + (type == null ? "none" : type));
        return;
      }
      byte[] body;
      try {
        body = RequestBodies.read(exchange, MAX_BODY_BYTES);
      } catch (RequestBodies.TooLargeException e) {
        Replies.error(exchange, 413, e.getMessage());
        return;
      }
      LineageIntake.Outcome outcome;
      try {
        outcome = intake.accept(body);
      } catch (InvalidLineageEventException e) {
        Replies.error(exchange, 400, e.getMessage());
        return;
      } catch (RuntimeException e) {
        // A full disk or an unwritable queue directory: the client should retry later.
        log.warn("could not keep an OpenLineage event", e);
        Replies.error(exchange, 503, "could not store the event: " + e.getMessage());
        return;
      }
      Replies.json(
          exchange,
          outcome == LineageIntake.Outcome.UNCHANGED ? 200 : 201,
          Replies.MAPPER
              .createObjectNode()
              .put("status", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
  }
}
