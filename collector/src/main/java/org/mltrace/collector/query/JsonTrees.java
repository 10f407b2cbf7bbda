package org.mltrace.collector.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What every {@code --json} renderer shares: one indenting mapper, and the conventions for times
 * (ISO-8601 instants) and missing or non-finite numbers (JSON null).
 */
final class JsonTrees {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonTrees() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Any value Jackson can map (a cell of an SQL result), as a tree. */
  static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses JSON this package wrote, to add fields to it. */
  static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read JSON written here", e);
    }
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** {@code value}, or null when it is missing, NaN or infinite (JSON has no such numbers). */
  static void putNumber(ObjectNode o, String key, Double value) {
    if (value == null || !Double.isFinite(value)) {
      o.putNull(key);
    } else {
      o.put(key, value);
    }
  }

  static void putLong(ObjectNode o, String key, Long value) {
    if (value == null) {
      o.putNull(key);
    } else {
      o.put(key, value);
    }
  }

  static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e); // plain node trees always serialize
    }
  }
}
