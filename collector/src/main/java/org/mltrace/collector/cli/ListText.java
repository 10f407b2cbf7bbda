package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.ComponentSummary;
import org.mltrace.collector.query.TagUse;
import org.mltrace.collector.store.RunRow;

/** Plain-text tables for {@code recent}, {@code components}, {@code tags} and {@code flag}. */
final class ListText {
  private ListText() {}

  static String runs(List<RunRow> runs) {
    if (runs.isEmpty()) {
      return "no runs recorded\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("STARTED", "COMPONENT", "RUN", "STATUS"));
    for (RunRow r : runs) {
      rows.add(List.of(TextFormat.time(r.startTime()), r.component(), r.id(), r.status()));
    }
    return TableText.aligned(rows, "  ");
  }

  static String components(List<ComponentSummary> components) {
    if (components.isEmpty()) {
      return "no components\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("COMPONENT", "OWNER", "TAGS", "RUNS", "LAST RUN", "LAST STATUS", "STALE"));
    for (ComponentSummary c : components) {
      rows.add(
          List.of(
              c.name(),
              orDash(c.owner()),
              c.tags().isEmpty() ? "-" : String.join(",", c.tags()),
              Long.toString(c.runs()),
              c.lastRunStart() == null ? "-" : TextFormat.time(c.lastRunStart()),
              orDash(c.lastStatus()),
              StaleCell.kinds(c.lastRunStale())));
    }
    return TableText.aligned(rows, "  ");
  }

  static String tags(List<TagUse> tags) {
    if (tags.isEmpty()) {
      return "no tags (add one with 'mltrace tag COMPONENT TAG')\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TAG", "COMPONENTS"));
    for (TagUse t : tags) {
      rows.add(List.of(t.tag(), String.join(", ", t.components())));
    }
    return TableText.aligned(rows, "  ");
  }

  static String flags(List<Annotations.Flag> flags) {
    if (flags.isEmpty()) {
      return "no flagged outputs\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("FLAGGED", "OUTPUT", "NOTE"));
    for (Annotations.Flag f : flags) {
      rows.add(
          List.of(
              f.flaggedAt() == null ? "-" : TextFormat.time(f.flaggedAt()),
              f.pointer(),
              f.note() == null ? "" : TextFormat.oneLine(f.note())));
    }
    return TableText.aligned(rows, "  ");
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
