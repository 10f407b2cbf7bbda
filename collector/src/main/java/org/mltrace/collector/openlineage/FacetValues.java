package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

/**
 * Turns facets into named values of the run, so that history, metrics and tasks can read them like
 * captured variables: numbers become {@code LONG}/{@code DOUBLE}, booleans {@code BOOLEAN}, strings
 * {@code STRING} (cut to {@link #MAX_TEXT} characters). Objects are walked {@link #MAX_DEPTH}
 * levels deep; arrays, deeper objects and the spec's bookkeeping keys ({@code _producer}, {@code
 * _schemaURL}, ...) are left out, and one event yields at most {@link #MAX_VALUES} values, so a
 * Spark plan facet cannot blow up a run.
 */
final class FacetValues {
  static final int MAX_TEXT = 500;
  static final int MAX_DEPTH = 3;
  static final int MAX_VALUES = 64;

  /** Run facets mltrace reads into columns, or that say nothing about the run's outcome. */
  static final Set<String> CONSUMED_RUN_FACETS = Set.of("errorMessage", "parent", "nominalTime");

  private final List<CapturedValue> values = new ArrayList<>();

  List<CapturedValue> values() {
    return values;
  }

  /** Each run facet not in {@link #CONSUMED_RUN_FACETS}, as {@code FACET.KEY...}. */
  FacetValues addRunFacets(JsonNode facets) {
    for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> facet = it.next();
      if (!CONSUMED_RUN_FACETS.contains(facet.getKey())) {
        add(facet.getKey(), facet.getValue(), 1);
      }
    }
    return this;
  }

  /**
   * A dataset's statistics and quality metrics, as {@code SHORTNAME.rowCount}, {@code
   * SHORTNAME.bytes}, {@code SHORTNAME.COLUMN.nullCount}, ..., and its schema as {@code
   * SHORTNAME.schema} ({@code name:type, ...}).
   */
  FacetValues addDatasetFacets(Dataset d) {
    String prefix = DatasetPointers.shortName(d.name());
    for (String facet : List.of("dataQualityMetrics", "inputStatistics", "outputStatistics")) {
      JsonNode node = d.ioFacets().path(facet);
      if (node.isObject()) {
        add(prefix, node, 1);
      }
    }
    JsonNode fields = d.facets().path("schema").path("fields");
    if (fields.isArray() && !fields.isEmpty()) {
      StringBuilder schema = new StringBuilder();
      for (JsonNode f : fields) {
        if (schema.length() > 0) {
          schema.append(", ");
        }
        schema.append(f.path("name").asText("?"));
        if (f.path("type").isTextual()) {
          schema.append(':').append(f.get("type").asText());
        }
      }
      addString(prefix + ".schema", schema.toString());
    }
    return this;
  }

  private void add(String name, JsonNode node, int depth) {
    if (values.size() >= MAX_VALUES) {
      return;
    }
    if (node.isObject()) {
      if (depth > MAX_DEPTH) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().startsWith("_")) {
          add(name + "." + e.getKey(), e.getValue(), depth + 1);
        }
      }
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      values.add(
          new CapturedValue(name, ValueKind.LONG, Long.toString(node.asLong()), null, null, -1));
    } else if (node.isNumber()) {
      values.add(
          new CapturedValue(
              name, ValueKind.DOUBLE, Double.toString(node.asDouble()), null, null, -1));
    } else if (node.isBoolean()) {
      values.add(
          new CapturedValue(
              name, ValueKind.BOOLEAN, Boolean.toString(node.asBoolean()), null, null, -1));
    } else if (node.isTextual()) {
      addString(name, node.asText());
    }
  }

  private void addString(String name, String text) {
    if (values.size() >= MAX_VALUES) {
      return;
    }
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    values.add(
        new CapturedValue(name, ValueKind.STRING, cut, null, "java.lang.String", text.length()));
  }
}
