package org.mltrace.collector.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.mltrace.collector.query.InstantOrDate;

/**
 * An API call's arguments (the query string of a GET, the JSON object of a POST), validated as they
 * are read: at most {@value #MAX_LENGTH} characters, no control characters but tab and newline.
 * Each problem is an {@link BadRequestException} naming the argument.
 */
final class Params {
  static final int MAX_LENGTH = 4096;

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  static Params query(URI uri) {
    Map<String, String> values = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.put(key, value);
      }
    }
    return new Params(values);
  }

  static Params json(String body) {
    JsonNode tree;
    try {
      tree = UiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("the request body is not JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new BadRequestException("the request body must be a JSON object");
    }
    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new BadRequestException("'" + e.getKey() + "' must be a string");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return new Params(values);
  }

  String required(String name) {
    String v = optional(name);
    if (v == null || v.isBlank()) {
      throw new BadRequestException("'" + name + "' is required");
    }
    return v;
  }

  /** The value, or null when absent or empty. */
  String optional(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.length() > MAX_LENGTH) {
      throw new BadRequestException("'" + name + "' is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\t') {
        throw new BadRequestException("'" + name + "' contains a control character");
      }
    }
    return v;
  }

  int integer(String name, int defaultValue) {
    String v = optional(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new BadRequestException("'" + name + "' must be an integer, got '" + v + "'");
    }
  }

  /**
   * An ISO-8601 instant ({@code 2026-01-01T06:00:00Z}) or a UTC date ({@code 2026-01-01}, its
   * midnight), or null when absent.
   */
  Instant instant(String name) {
    String v = optional(name);
    if (v == null) {
      return null;
    }
    return InstantOrDate.parse(v)
        .orElseThrow(
            () ->
                new BadRequestException(
                    "'"
                        + name
                        + "' must be an instant (2026-01-01T06:00:00Z) or a date (2026-01-01), got '"
                        + v
                        + "'"));
  }

  boolean bool(String name) {
    String v = optional(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new BadRequestException("'" + name + "' must be true or false, got '" + v + "'");
  }

  /** The value, which must be one of {@code choices}; the first when absent. */
  String choice(String name, String... choices) {
    String v = optional(name);
    if (v == null) {
      return choices[0];
    }
    for (String c : choices) {
      if (c.equals(v)) {
        return v;
      }
    }
    throw new BadRequestException(
        "'" + name + "' must be one of " + String.join(", ", choices) + ", got '" + v + "'");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed query string");
    }
  }
}
