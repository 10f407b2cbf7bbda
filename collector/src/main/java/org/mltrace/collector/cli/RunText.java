package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.CodeSourceView;
import org.mltrace.collector.query.ComponentView;
import org.mltrace.collector.query.LinkView;
import org.mltrace.collector.query.RunDetail;
import org.mltrace.collector.query.RunView;
import org.mltrace.collector.query.ValueView;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.store.TriggerOutcome;

/** Prints everything recorded about one run, one field per line. */
final class RunText {
  private RunText() {}

  static String render(RunDetail detail) {
    RunView r = detail.run();
    StringBuilder out = new StringBuilder();
    field(out, "run", r.row().id());
    field(out, "component", r.row().component());
    field(out, "method", r.row().method());
    field(out, "status", TextFormat.status(r));
    field(out, "started", TextFormat.time(r.row().startTime()));
    field(out, "ended", TextFormat.time(r.row().endTime()));
    field(
        out,
        "duration",
        TextFormat.duration(r.duration())
            + (r.row().durationNanos() == null ? "" : " (" + r.row().durationNanos() + " ns)"));
    field(out, "code", r.row().codeVersion());
    for (CodeSourceView s : detail.codeSources()) {
      field(out, "code source", s.className() + ": " + codeSource(s));
    }
    field(out, "git", r.row().gitCommit());
    field(out, "host", r.row().host());
    field(out, "pid", r.row().pid() == null ? null : r.row().pid().toString());
    field(out, "thread", r.row().thread());
    field(out, "agent", r.row().agentId());
    field(out, "ingested", TextFormat.time(r.row().ingestedAt()));
    if (r.row().unrecordedBefore() > 0) {
      field(out, "unrecorded", r.row().unrecordedBefore() + " earlier calls left out by sampling");
    }
    values(out, "inputs", r.inputs());
    values(out, "outputs", r.outputs());
    links(out, "depends on", detail.dependencies());
    links(out, "used by", detail.dependents());
    out.append("stale").append(detail.stale().isEmpty() ? " (no)" : "").append('\n');
    for (StaleReason reason : detail.stale()) {
      out.append("  ").append(StaleText.line(reason)).append('\n');
    }
    triggers(out, detail.triggers(), detail.triggersPending());
    ComponentView c = detail.component();
    out.append("component ").append(c.name()).append('\n');
    field(out, "  description", c.description());
    field(out, "  owner", c.owner());
    field(out, "  tags", c.tags().isEmpty() ? null : String.join(", ", c.tags()));
    for (String m : c.methods()) {
      field(out, "  method", m);
    }
    field(out, "  first seen", c.firstSeen() == null ? null : TextFormat.time(c.firstSeen()));
    field(out, "  last seen", c.lastSeen() == null ? null : TextFormat.time(c.lastSeen()));
    return out.toString();
  }

  /** {@code jar PATH sha256 HEX maven G:A:V}, each part when known. */
  static String codeSource(CodeSourceView s) {
    List<String> parts = new ArrayList<>();
    parts.add(s.location() == null ? "no code source (a JDK or generated class)" : s.location());
    if (s.jarSha256() != null) {
      parts.add("sha256 " + s.jarSha256());
    }
    if (s.maven() != null) {
      parts.add("maven " + s.maven());
    }
    return String.join("  ", parts);
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(String.format("%-13s %s%n", name, value == null ? "-" : TextFormat.oneLine(value)));
  }

  private static void values(StringBuilder out, String title, List<ValueView> values) {
    out.append(title).append(values.isEmpty() ? " (none)" : "").append('\n');
    for (ValueView v : values) {
      out.append("  ").append(TextFormat.oneLine(TextFormat.value(v)));
      if (v.className() != null) {
        out.append("  (").append(v.className());
        if (v.size() != null) {
          out.append(", size ").append(v.size());
        }
        out.append(')');
      }
      out.append('\n');
    }
  }

  /** One aligned line per result: phase, trigger, status, value, threshold, message. */
  private static void triggers(StringBuilder out, List<TriggerOutcome> results, boolean pending) {
    out.append("triggers")
        .append(pending ? " (pending)" : results.isEmpty() ? " (none)" : "")
        .append('\n');
    if (results.isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("PHASE", "TRIGGER", "STATUS", "VALUE", "THRESHOLD", "MESSAGE"));
    for (TriggerOutcome t : results) {
      rows.add(
          List.of(
              t.phase(),
              t.triggerName(),
              t.status() + (t.alert() && !"pass".equals(t.status()) ? " (alert)" : ""),
              t.value() == null ? "-" : TextFormat.number(t.value()),
              t.threshold() == null ? "-" : TextFormat.number(t.threshold()),
              t.message() == null ? "" : TextFormat.oneLine(t.message())));
    }
    TableText.aligned(rows, "  ").lines().forEach(l -> out.append("  ").append(l).append('\n'));
  }

  private static void links(StringBuilder out, String title, List<LinkView> links) {
    out.append(title).append(links.isEmpty() ? " (none)" : "").append('\n');
    for (LinkView l : links) {
      out.append("  ")
          .append(l.runId())
          .append(" (")
          .append(l.component())
          .append(") via ")
          .append(l.pointer())
          .append('\n');
    }
  }
}
