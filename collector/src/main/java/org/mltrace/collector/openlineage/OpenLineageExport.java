package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.RunDetail;
import org.mltrace.collector.query.RunView;
import org.mltrace.collector.query.SqlResult;
import org.mltrace.collector.query.ValueView;
import org.mltrace.collector.store.TriggerOutcome;

/**
 * {@code mltrace export openlineage}: each stored run as two OpenLineage {@code RunEvent}s, {@code
 * START} at its start and {@code COMPLETE} or {@code FAIL} at its end, one JSON object a line.
 *
 * <ul>
 *   <li>Job: a component {@code NS/NAME} (an OpenLineage job stored by {@code collect --listen})
 *       goes back to namespace {@code NS}, name {@code NAME}; an agent's component to namespace
 *       {@value #NAMESPACE}.
 *   <li>Run id: the run's own when it is a UUID, else a name-based UUID of it (OpenLineage wants
 *       UUIDs), the original kept in the {@code mltrace_run} run facet with the code version, git
 *       commit, method, agent and host.
 *   <li>Datasets: the run's pointers ({@link ExportDatasets}), inputs on both events, outputs on
 *       the ending one. Captured values that are not pointers go to the {@code mltrace_values} run
 *       facet.
 *   <li>Triggers: the run's results as a {@code dataQualityAssertions} facet of its first input
 *       (assertion = trigger name, success = pass) and, in full, in the {@code mltrace_triggers}
 *       run facet.
 *   <li>A failed run's error is the {@code errorMessage} run facet.
 * </ul>
 *
 * Runs are read in start order, a page at a time, each with {@code inspect}'s query.
 */
public final class OpenLineageExport {
  static final String NAMESPACE = "mltrace";
  static final String PRODUCER = "urn:mltrace:collector";
  static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

  /** mltrace_* facets are described in docs/integrations.md; the spec only asks for a URI here. */
  static final String CUSTOM_FACET_SCHEMA = "urn:mltrace:facet";

  static final int PAGE = 1_000;
  static final int MAX_VALUES = 64;

  private OpenLineageExport() {}

  /**
   * Writes the runs that started in [{@code since}, {@code until}) (either may be null) and returns
   * how many.
   */
  public static long write(QueryService queries, Instant since, Instant until, Writer out)
      throws IOException {
    long runs = 0;
    String afterTime = null;
    String afterId = null;
    while (true) {
      List<String> ids = page(queries, since, until, afterTime, afterId);
      for (String id : ids) {
        RunDetail detail = queries.inspect(id);
        for (ObjectNode event : events(detail)) {
          out.write(event.toString());
          out.write('\n');
        }
        runs++;
        afterTime = detail.run().row().startTime().toString();
        afterId = id;
      }
      if (ids.size() < PAGE) {
        return runs;
      }
    }
  }

  private static List<String> page(
      QueryService queries, Instant since, Instant until, String afterTime, String afterId) {
    List<String> where = new ArrayList<>();
    if (since != null) {
      where.add("start_time >= " + timestamp(since.toString()));
    }
    if (until != null) {
      where.add("start_time < " + timestamp(until.toString()));
    }
    if (afterTime != null) {
      where.add(
          "(start_time > "
              + timestamp(afterTime)
              + " OR (start_time = "
              + timestamp(afterTime)
              + " AND id > '"
              + afterId.replace("'", "''")
              + "'))");
    }
    SqlResult r =
        queries.sql(
            "SELECT id FROM component_runs"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY start_time, id LIMIT "
                + PAGE);
    return r.rows().stream().map(row -> String.valueOf(row.get(0))).toList();
  }

  /** An Instant's ISO text (no quote can occur in it) as a SQL timestamp literal. */
  private static String timestamp(String iso) {
    return "TIMESTAMP WITH TIME ZONE '" + iso.replace('T', ' ').replace("Z", "+00:00") + "'";
  }

  static List<ObjectNode> events(RunDetail detail) {
    RunView run = detail.run();
    ObjectNode start = event("START", run.row().startTime(), run);
    start.set("inputs", datasets(run.inputs(), null));
    start.putArray("outputs");
    ObjectNode end = event(run.failed() ? "FAIL" : "COMPLETE", run.row().endTime(), run);
    end.set("inputs", datasets(run.inputs(), detail.triggers()));
    end.set("outputs", datasets(run.outputs(), null));
    ObjectNode facets = (ObjectNode) end.path("run").path("facets");
    if (run.failed()) {
      facets
          .putObject("errorMessage")
          .put("_producer", PRODUCER)
          .put(
              "_schemaURL",
              "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet")
          .put("message", run.error())
          .put("programmingLanguage", "java");
    }
    ObjectNode values = custom(facets, "mltrace_values");
    values.set("inputs", values(run.inputs()));
    values.set("outputs", values(run.outputs()));
    if (!detail.triggers().isEmpty()) {
      ArrayNode results = custom(facets, "mltrace_triggers").putArray("results");
      for (TriggerOutcome t : detail.triggers()) {
        ObjectNode r = results.addObject();
        r.put("trigger", t.triggerName()).put("phase", t.phase()).put("position", t.position());
        r.put("status", t.status());
        if (t.value() != null && Double.isFinite(t.value())) {
          r.put("value", t.value());
        }
        if (t.threshold() != null && Double.isFinite(t.threshold())) {
          r.put("threshold", t.threshold());
        }
      }
    }
    return List.of(start, end);
  }

  private static ObjectNode event(String type, Instant time, RunView run) {
    ObjectNode e = LineageEventParser.MAPPER.createObjectNode();
    e.put("eventType", type);
    e.put("eventTime", time.toString());
    e.put("producer", PRODUCER);
    e.put("schemaURL", SCHEMA_URL);
    ObjectNode r = e.putObject("run");
    r.put("runId", runId(run.row().id()));
    ObjectNode mltrace = custom(r.putObject("facets"), "mltrace_run");
    mltrace.put("runId", run.row().id()).put("component", run.row().component());
    putIfPresent(mltrace, "method", run.row().method());
    putIfPresent(mltrace, "agentId", run.row().agentId());
    putIfPresent(mltrace, "host", run.row().host());
    putIfPresent(mltrace, "codeVersion", run.row().codeVersion());
    putIfPresent(mltrace, "gitCommit", run.row().gitCommit());
    ObjectNode job = e.putObject("job");
    int slash = run.row().component().indexOf('/');
    if (slash > 0 && slash < run.row().component().length() - 1) {
      job.put("namespace", run.row().component().substring(0, slash));
      job.put("name", run.row().component().substring(slash + 1));
    } else {
      job.put("namespace", NAMESPACE);
      job.put("name", run.row().component());
    }
    return e;
  }

  private static ArrayNode datasets(List<ValueView> values, List<TriggerOutcome> triggers) {
    ArrayNode list = LineageEventParser.MAPPER.createArrayNode();
    List<String> seen = new ArrayList<>();
    for (ValueView v : values) {
      if (!"pointer".equalsIgnoreCase(v.kind()) || v.value() == null || seen.contains(v.value())) {
        continue;
      }
      seen.add(v.value());
      ExportDatasets.Name n = ExportDatasets.of(v.value());
      ObjectNode d = list.addObject().put("namespace", n.namespace()).put("name", n.name());
      if (triggers != null && !triggers.isEmpty() && list.size() == 1) {
        ObjectNode assertions =
            d.putObject("inputFacets")
                .putObject("dataQualityAssertions")
                .put("_producer", PRODUCER)
                .put(
                    "_schemaURL",
                    "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet");
        ArrayNode a = assertions.putArray("assertions");
        for (TriggerOutcome t : triggers) {
          a.addObject().put("assertion", t.triggerName()).put("success", "pass".equals(t.status()));
        }
      }
    }
    return list;
  }

  private static ObjectNode values(List<ValueView> values) {
    ObjectNode o = LineageEventParser.MAPPER.createObjectNode();
    for (ValueView v : values) {
      if (o.size() >= MAX_VALUES) {
        break;
      }
      if (!"pointer".equalsIgnoreCase(v.kind()) && v.value() != null && v.name() != null) {
        o.put(v.name(), v.value());
      }
    }
    return o;
  }

  private static ObjectNode custom(ObjectNode facets, String name) {
    return facets.putObject(name).put("_producer", PRODUCER).put("_schemaURL", CUSTOM_FACET_SCHEMA);
  }

  private static void putIfPresent(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  /** The run's id when it is a UUID, else the name-based UUID of {@code mltrace:ID}. */
  static String runId(String id) {
    try {
      return UUID.fromString(id).toString().equals(id.toLowerCase())
          ? id
          : UUID.nameUUIDFromBytes(("mltrace:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    } catch (IllegalArgumentException notAUuid) {
      return UUID.nameUUIDFromBytes(("mltrace:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
  }
}
