package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

/**
 * Makes one finished {@link RunEvent} of an OpenLineage run: the events kept while it was open
 * ({@code START}, {@code RUNNING}, {@code OTHER}) and the one that ended it.
 *
 * <ul>
 *   <li>Run id: the OpenLineage {@code runId}. Component: {@code job.namespace + "/" + job.name}.
 *   <li>Start: the {@code START}'s {@code eventTime} (the earliest kept event's without one, the
 *       ending event's when nothing was kept); end: the ending event's {@code eventTime}.
 *   <li>Inputs and outputs: every dataset any of the events named, once each, in order of first
 *       mention, as pointers ({@link DatasetPointers}) without fingerprint, named by the last part
 *       of the dataset's name ({@code features.csv}); then the datasets' statistics, quality
 *       metrics and schemas, and the custom run facets, as values ({@link FacetValues}: datasets'
 *       on the side they appear, run facets among the outputs).
 *   <li>{@code FAIL} and {@code ABORT} are failed runs, error class {@code FAIL}/{@code ABORT},
 *       message from the {@code errorMessage} run facet.
 *   <li>Git commit: the {@code sourceCodeLocation} job facet's {@code version}; code version:
 *       SHA-256 of the {@code sourceCode} job facet's text, so a changed script is a new version.
 *   <li>Method: the {@code producer} URI; agent id {@value #AGENT_ID}; no host, pid or thread (the
 *       collector cannot know them).
 * </ul>
 */
final class RunEventMapper {
  static final String AGENT_ID = "openlineage";
  static final int MAX_ERROR_MESSAGE = 2_000;

  private RunEventMapper() {}

  /**
   * @throws InvalidLineageEventException if the ending event is earlier than the run's start
   */
  static RunEvent toRun(List<LineageEvent> kept, LineageEvent end) {
    List<LineageEvent> all = new ArrayList<>(kept);
    all.add(end);
    Instant start = startOf(kept, end);
    if (end.eventTime().isBefore(start)) {
      throw new InvalidLineageEventException(
          "eventTime "
              + end.eventTime()
              + " of run "
              + end.runId()
              + "'s "
              + end.type()
              + " is before the run's start at "
              + start);
    }
    JsonNode runFacets = merged(all, true);
    JsonNode jobFacets = merged(all, false);
    boolean failed = end.type() != EventType.COMPLETE;
    String message = failed ? errorMessage(runFacets) : null;
    return new RunEvent(
        end.runId(),
        end.component(),
        firstNonNull(all),
        AGENT_ID,
        null,
        0,
        null,
        micros(start),
        micros(end.eventTime()),
        ChronoUnit.NANOS.between(start, end.eventTime()),
        codeVersion(jobFacets),
        textOrNull(jobFacets.path("sourceCodeLocation").path("version")),
        failed,
        failed ? end.type().name() : null,
        message,
        values(all, true, null),
        values(all, false, runFacets));
  }

  private static Instant startOf(List<LineageEvent> kept, LineageEvent end) {
    Instant earliest = null;
    for (LineageEvent e : kept) {
      if (e.type() == EventType.START) {
        return e.eventTime();
      }
      if (earliest == null || e.eventTime().isBefore(earliest)) {
        earliest = e.eventTime();
      }
    }
    return earliest != null ? earliest : end.eventTime();
  }

  /** The run (or job) facets of all events, a later event's facet replacing an earlier one's. */
  private static JsonNode merged(List<LineageEvent> events, boolean run) {
    var merged = LineageEventParser.MAPPER.createObjectNode();
    for (LineageEvent e : events) {
      JsonNode facets = run ? e.runFacets() : e.jobFacets();
      if (facets.isObject()) {
        facets.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
      }
    }
    return merged;
  }

  private static List<CapturedValue> values(
      List<LineageEvent> events, boolean inputs, JsonNode runFacets) {
    Map<String, CapturedValue> pointers = new LinkedHashMap<>();
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    for (LineageEvent e : events) {
      for (Dataset d : inputs ? e.inputs() : e.outputs()) {
        String id = DatasetPointers.identifier(d.namespace(), d.name());
        datasets.put(id, d); // the latest mention carries the latest facets
        pointers.computeIfAbsent(
            id,
            k ->
                new CapturedValue(
                    DatasetPointers.shortName(d.name()),
                    ValueKind.POINTER,
                    k,
                    DatasetPointers.type(d.namespace(), k),
                    null,
                    size(d)));
      }
    }
    List<CapturedValue> values = new ArrayList<>(pointers.values());
    FacetValues facets = new FacetValues();
    datasets.values().forEach(facets::addDatasetFacets);
    if (runFacets != null) {
      facets.addRunFacets(runFacets);
    }
    values.addAll(facets.values());
    return values;
  }

  /** Bytes from the input or output statistics facet, -1 when not given. */
  private static long size(Dataset d) {
    for (String facet : List.of("inputStatistics", "outputStatistics")) {
      JsonNode size = d.ioFacets().path(facet).path("size");
      if (size.canConvertToLong() && size.isIntegralNumber()) {
        return size.asLong();
      }
    }
    return -1;
  }

  private static String errorMessage(JsonNode runFacets) {
    String m = textOrNull(runFacets.path("errorMessage").path("message"));
    return m == null || m.length() <= MAX_ERROR_MESSAGE ? m : m.substring(0, MAX_ERROR_MESSAGE);
  }

  private static String codeVersion(JsonNode jobFacets) {
    String source = textOrNull(jobFacets.path("sourceCode").path("sourceCode"));
    if (source == null) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String firstNonNull(List<LineageEvent> events) {
    for (LineageEvent e : events) {
      if (e.producer() != null) {
        return e.producer();
      }
    }
    return null;
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
