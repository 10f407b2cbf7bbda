package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one OpenLineage {@code RunEvent} from a request body and checks what mltrace relies on:
 * {@code eventType} one of the spec's six, {@code eventTime} an ISO-8601 date-time with an offset,
 * {@code run.runId}, {@code job.namespace} and {@code job.name} non-blank, and each input and
 * output an object with {@code namespace} and {@code name}. Everything else (facets, {@code
 * producer}, {@code schemaURL}) is optional here, as in Marquez.
 *
 * <p>Fails with {@link InvalidLineageEventException} naming the field and what was expected.
 */
final class LineageEventParser {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private LineageEventParser() {}

  static LineageEvent parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidLineageEventException(
          "malformed JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidLineageEventException("unreadable body: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidLineageEventException("empty body: expected an OpenLineage RunEvent");
    }
    if (!(root instanceof ObjectNode event)) {
      throw new InvalidLineageEventException(
          "expected a JSON object (an OpenLineage RunEvent), got " + kind(root));
    }
    return parse(event);
  }

  static LineageEvent parse(ObjectNode event) {
    String typeText = text(event, "eventType", "eventType");
    EventType type = EventType.named(typeText);
    if (type == null) {
      throw new InvalidLineageEventException(
          "unknown eventType '"
              + typeText
              + "': expected one of "
              + Arrays.toString(EventType.values()));
    }
    Instant time = time(text(event, "eventTime", "eventTime"));
    JsonNode run = object(event, "run", "run");
    String runId = text(run, "runId", "run.runId");
    JsonNode job = object(event, "job", "job");
    String namespace = text(job, "namespace", "job.namespace");
    String name = text(job, "name", "job.name");
    String producer = event.path("producer").isTextual() ? event.get("producer").asText() : null;
    return new LineageEvent(
        runId,
        type,
        time,
        namespace,
        name,
        producer,
        datasets(event, "inputs", "inputFacets"),
        datasets(event, "outputs", "outputFacets"),
        run.path("facets"),
        job.path("facets"),
        event);
  }

  private static List<Dataset> datasets(JsonNode event, String field, String ioFacets) {
    JsonNode list = event.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new InvalidLineageEventException(
          field + " must be an array of datasets, got " + kind(list));
    }
    List<Dataset> datasets = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = field + "[" + i + "]";
      JsonNode d = list.get(i);
      if (!d.isObject()) {
        throw new InvalidLineageEventException(
            where + " must be an object with namespace and name, got " + kind(d));
      }
      datasets.add(
          new Dataset(
              text(d, "namespace", where + ".namespace"),
              text(d, "name", where + ".name"),
              d.path("facets"),
              d.path(ioFacets)));
    }
    return datasets;
  }

  private static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode node = parent.path(field);
    if (!node.isObject()) {
      throw new InvalidLineageEventException(
          (node.isMissingNode()
              ? path + " is missing"
              : path + " must be an object, got " + kind(node)));
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String path) {
    JsonNode node = parent.path(field);
    if (node.isMissingNode() || node.isNull()) {
      throw new InvalidLineageEventException(path + " is missing");
    }
    if (!node.isTextual()) {
      throw new InvalidLineageEventException(path + " must be a string, got " + kind(node));
    }
    if (node.asText().isBlank()) {
      throw new InvalidLineageEventException(path + " is blank");
    }
    return node.asText();
  }

  private static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidLineageEventException(
          "eventTime '"
              + text
              + "' is not an ISO-8601 date-time with an offset (e.g. 2025-01-31T12:00:00.000Z)");
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
