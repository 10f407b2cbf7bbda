package org.mltrace.collector.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.query.AnalysisJson;
import org.mltrace.collector.query.HistoryPage;
import org.mltrace.collector.query.RunMarks;
import org.mltrace.collector.query.SampleHistogram;
import org.mltrace.collector.store.JdbcAlertStore.RunResult;
import org.mltrace.collector.store.RunRow;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * The API's JSON for what the CLI has no JSON of (docs/api.md); the rest reuses the CLI's
 * renderers, read back into trees so they can be combined.
 */
final class UiJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private UiJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** A tree from JSON this process rendered itself. */
  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read our own JSON", e); // renderers write valid JSON
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e); // plain trees always serialize
    }
  }

  static ObjectNode error(String message) {
    return object().put("error", message);
  }

  static ObjectNode history(HistoryPage page, List<RunResult> triggers) {
    ObjectNode o = object();
    o.put("component", page.component());
    o.put("offset", page.offset());
    o.put("limit", page.limit());
    o.put("total", page.total());
    ArrayNode runs = o.putArray("runs");
    for (RunRow r : page.runs()) {
      ObjectNode n = AnalysisJson.run(r);
      ObjectNode metrics = n.putObject("metrics");
      page.metrics().getOrDefault(r.id(), Map.of()).forEach(metrics::put);
      runs.add(n);
    }
    o.set("triggers", triggers(triggers));
    return o;
  }

  static ArrayNode triggers(List<RunResult> results) {
    ArrayNode a = array();
    for (RunResult r : results) {
      TriggerOutcome t = r.outcome();
      ObjectNode o = a.addObject();
      o.put("runId", t.runId());
      o.put("runStart", time(r.runStart()));
      o.put("phase", t.phase());
      o.put("position", t.position());
      o.put("trigger", t.triggerName());
      o.put("status", t.status());
      o.put("value", t.value());
      o.put("threshold", t.threshold());
      o.put("message", t.message());
    }
    return a;
  }

  /** {@code {source: "sample", sampleSize, nonFinite, edges: [...], counts: [...]}}. */
  static ObjectNode histogram(SampleHistogram h) {
    ObjectNode o = object().put("source", "sample");
    o.put("sampleSize", h.sampleSize()).put("nonFinite", h.nonFinite());
    h.edges().forEach(o.putArray("edges")::add);
    h.counts().forEach(o.putArray("counts")::add);
    return o;
  }

  static void putMarks(ObjectNode node, RunMarks marks, boolean stale) {
    marks.failedTriggers().forEach(node.putArray("failedTriggers")::add);
    marks.flaggedOutputs().forEach(node.putArray("flaggedOutputs")::add);
    node.put("stale", stale);
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
