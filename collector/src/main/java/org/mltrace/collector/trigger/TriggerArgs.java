package org.mltrace.collector.trigger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A declaration's arguments as written in the YAML, flattened to strings: nested mappings become
 * dotted keys ({@code reference: {component: train}} is {@code reference.component=train}) and
 * lists are joined with commas. The {@code trigger:}/{@code user:} and {@code alert:} keys are not
 * arguments and are never here.
 */
public record TriggerArgs(Map<String, String> values) {

  public TriggerArgs {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static TriggerArgs of(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return new TriggerArgs(m);
  }

  public Optional<String> optional(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /**
   * @throws IllegalArgumentException naming the missing argument
   */
  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing argument '" + key + "'");
    }
    return v;
  }

  /**
   * @throws IllegalArgumentException when missing or not a number
   */
  public double number(String key) {
    return parseNumber(key, string(key));
  }

  public double number(String key, double fallback) {
    String v = values.get(key);
    return v == null ? fallback : parseNumber(key, v);
  }

  public int integer(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "argument '" + key + "' must be a whole number, not '" + v + "'");
    }
  }

  /** A comma-separated list argument, trimmed; empty when absent. */
  public List<String> list(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static double parseNumber(String key, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "argument '" + key + "' must be a number, not '" + v + "'");
    }
  }
}
