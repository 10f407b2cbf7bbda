package org.mltrace.collector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mltrace.collector.purge.PurgeReport;

/** The {@code purge} report, as text and as JSON (fields in docs/cli.md). */
final class PurgeText {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PurgeText() {}

  static String text(PurgeReport r) {
    StringBuilder out = new StringBuilder();
    if (r.dryRun()) {
      out.append("dry run, nothing changed: would purge label ");
    } else {
      out.append("purged label ");
    }
    out.append(r.label());
    if (!r.dryRun()) {
      out.append(" (purge #")
          .append(r.purgeId())
          .append(" by ")
          .append(r.purgedBy())
          .append(" at ")
          .append(TextFormat.time(r.purgedAt()))
          .append(r.reason() == null ? "" : ", reason: " + r.reason())
          .append(')');
    }
    out.append(": ")
        .append(r.runIds().size())
        .append(r.runIds().size() == 1 ? " run" : " runs")
        .append(" derived from ")
        .append(String.join(", ", r.pointers()))
        .append('\n');
    out.append(r.dryRun() ? "would remove " : "removed ")
        .append(r.valuesRemoved())
        .append(" values, ")
        .append(r.summariesRemoved())
        .append(" summaries, ")
        .append(r.samplesRemoved())
        .append(" samples, ")
        .append(r.snapshotsRemoved())
        .append(" snapshot rows; kept the runs, their times and lineage\n");
    if (!r.runIds().isEmpty()) {
      out.append("runs: ").append(String.join(" ", r.runIds())).append('\n');
    }
    return out.toString();
  }

  static String json(PurgeReport r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("label", r.label());
    o.put("dryRun", r.dryRun());
    if (r.purgeId() == null) {
      o.putNull("purgeId");
    } else {
      o.put("purgeId", r.purgeId());
    }
    o.put("purgedAt", r.purgedAt().toString());
    o.put("purgedBy", r.purgedBy());
    o.put("reason", r.reason());
    r.pointers().forEach(o.putArray("pointers")::add);
    r.runIds().forEach(o.putArray("runs")::add);
    ObjectNode removed = o.putObject("removed");
    removed.put("values", r.valuesRemoved());
    removed.put("summaries", r.summariesRemoved());
    removed.put("samples", r.samplesRemoved());
    removed.put("snapshots", r.snapshotsRemoved());
    try {
      return MAPPER.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
