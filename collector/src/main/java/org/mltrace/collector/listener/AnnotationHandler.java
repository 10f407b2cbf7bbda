package org.mltrace.collector.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.mltrace.collector.MltraceException;
import org.mltrace.collector.query.Annotations;

/**
 * {@code POST /api/v1/flag} ({@code {"id": OUTPUT, "note": TEXT?}}, as {@code mltrace flag}) and
 * {@code POST /api/v1/note} ({@code {"runId": RUN, "text": TEXT}}, as {@code mltrace note}).
 * Replies 200 with what was stored; 404 for an unknown output or run; 400 for a bad body.
 */
final class AnnotationHandler implements HttpHandler {
  private final Annotations annotations;
  private final boolean flag;

  private AnnotationHandler(Annotations annotations, boolean flag) {
    this.annotations = annotations;
    this.flag = flag;
  }

  static AnnotationHandler flags(Annotations annotations) {
    return new AnnotationHandler(annotations, true);
  }

  static AnnotationHandler notes(Annotations annotations) {
    return new AnnotationHandler(annotations, false);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        JsonNode body = JsonRequests.object(JsonRequests.body(exchange, "application/json"));
        ObjectNode reply = Replies.MAPPER.createObjectNode();
        if (flag) {
          Annotations.Flag f =
              annotations.flag(
                  JsonRequests.text(body, "id"), JsonRequests.optionalText(body, "note"));
          reply.put("pointer", f.pointer()).put("note", f.note()).put("flagged", true);
        } else {
          Annotations.Note n =
              annotations.note(JsonRequests.text(body, "runId"), JsonRequests.text(body, "text"));
          reply
              .put("runId", n.runId())
              .put("text", n.text())
              .put("notedAt", n.notedAt().toString());
        }
        Replies.json(exchange, 200, reply);
      } catch (JsonRequests.Refused r) {
        JsonRequests.refuse(exchange, r);
      } catch (MltraceException e) {
        Replies.error(exchange, JsonRequests.status(e), e.getMessage());
      }
    }
  }
}
