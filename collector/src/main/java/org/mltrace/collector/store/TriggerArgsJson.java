package org.mltrace.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code component_triggers.args} column: a declaration's flattened arguments as a JSON object
 * of string values, keys sorted ({@code {"reference":"previous","variable":"fares"}}).
 */
public final class TriggerArgsJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private TriggerArgsJson() {}

  public static String write(Map<String, String> args) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(args));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  /**
   * @throws IllegalArgumentException when the column does not hold a JSON object of strings
   */
  public static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "trigger arguments are not a JSON object of strings: " + json, e);
    }
  }
}
