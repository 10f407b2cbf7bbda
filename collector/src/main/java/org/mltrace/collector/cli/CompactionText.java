package org.mltrace.collector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mltrace.collector.retention.CompactionReport;

/** The {@code compact} report, as text and as JSON (fields in docs/cli.md). */
final class CompactionText {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompactionText() {}

  static String text(CompactionReport r) {
    String verb = r.dryRun() ? "would remove" : "removed";
    return (r.dryRun() ? "dry run, nothing changed: " : "")
        + verb
        + " "
        + r.runsRemoved()
        + " runs that started before "
        + r.cutoff()
        + " ("
        + r.inputsRemoved()
        + " inputs, "
        + r.outputsRemoved()
        + " outputs, "
        + r.summariesRemoved()
        + " summaries, "
        + r.dependenciesRemoved()
        + " dependency links, "
        + r.snapshotsRemoved()
        + " snapshot mappings)\n"
        + verb
        + " "
        + r.alertsRemoved()
        + " alerts resolved before the cutoff"
        + (r.openAlertsKept() == 0
            ? ""
            : "; "
                + (r.dryRun() ? "would keep " : "kept ")
                + r.openAlertsKept()
                + " older open alerts")
        + "\n"
        + (r.dryRun() ? "would keep " : "kept ")
        + r.components()
        + " components, "
        + r.dayRows()
        + " component-day run counts, "
        + r.valueRows()
        + " component-day value aggregates, and "
        + r.runsKeptForLineage()
        + " old runs on the lineage of "
        + r.flaggedOutputs()
        + " flagged outputs\n";
  }

  static String json(CompactionReport r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("cutoff", r.cutoff().toString());
    o.put("dryRun", r.dryRun());
    ObjectNode removed = o.putObject("removed");
    removed.put("runs", r.runsRemoved());
    removed.put("inputs", r.inputsRemoved());
    removed.put("outputs", r.outputsRemoved());
    removed.put("summaries", r.summariesRemoved());
    removed.put("dependencies", r.dependenciesRemoved());
    removed.put("snapshots", r.snapshotsRemoved());
    removed.put("alerts", r.alertsRemoved());
    ObjectNode kept = o.putObject("kept");
    kept.put("components", r.components());
    kept.put("componentDays", r.dayRows());
    kept.put("componentDayValues", r.valueRows());
    kept.put("flaggedOutputs", r.flaggedOutputs());
    kept.put("runsOnFlaggedLineage", r.runsKeptForLineage());
    kept.put("openAlerts", r.openAlertsKept());
    try {
      return MAPPER.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
