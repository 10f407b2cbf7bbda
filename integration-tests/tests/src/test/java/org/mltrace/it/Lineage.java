package org.mltrace.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads trace JSON into forms that are easy to assert exactly. */
final class Lineage {
  private Lineage() {}

  /**
   * The shape of a trace as {@code component(upstream, upstream)}, in the order the collector
   * returns upstream runs: e.g. {@code predict(save_model(train),clean(generate))}.
   */
  static String shape(JsonNode run) {
    List<String> parts = new ArrayList<>();
    for (JsonNode up : run.path("upstream")) {
      parts.add(shape(up));
    }
    String name = run.path("component").asText();
    return parts.isEmpty() ? name : name + "(" + String.join(",", parts) + ")";
  }

  /** The named input or output of a run object, or null. */
  static JsonNode value(JsonNode run, String direction, String name) {
    for (JsonNode v : run.path(direction)) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    return null;
  }

  /** The first run of {@code component} found depth-first in a trace, or null. */
  static JsonNode find(JsonNode run, String component) {
    if (run.path("component").asText().equals(component)) {
      return run;
    }
    for (JsonNode up : run.path("upstream")) {
      JsonNode found = find(up, component);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
