package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.ImpactResult;
import org.mltrace.collector.query.LabelInfo;

/** The text of {@code mltrace label list} and {@code label show}. */
final class LabelText {
  private LabelText() {}

  /** One row per label: name, pointers carrying it directly, retraction. */
  static String list(List<LabelInfo> labels) {
    if (labels.isEmpty()) {
      return "no labels (add one with 'mltrace label add POINTER LABEL')\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("LABEL", "POINTERS", "RETRACTED"));
    for (LabelInfo l : labels) {
      rows.add(
          List.of(
              l.label(),
              Integer.toString(l.direct().size()),
              l.retracted() ? TextFormat.time(l.retractedAt()) : "-"));
    }
    return TableText.aligned(rows, "  ");
  }

  /** The label's state, its direct carriers, then what derives from them. */
  static String show(LabelInfo l) {
    StringBuilder out = new StringBuilder();
    out.append("label ")
        .append(l.label())
        .append(": ")
        .append(
            l.retracted()
                ? "retracted " + TextFormat.time(l.retractedAt()) + " (a deletion request)"
                : "not retracted")
        .append('\n');
    out.append("carried directly by ").append(count(l.direct().size(), "pointer")).append('\n');
    for (LabelInfo.Carrier c : l.direct()) {
      out.append("  ")
          .append(c.pointer())
          .append("  added ")
          .append(TextFormat.time(c.addedAt()))
          .append('\n');
    }
    ImpactResult derived = l.derived();
    out.append("carried through lineage by ")
        .append(count(derived.runs().size(), "run"))
        .append(" and ")
        .append(count(derived.outputs().size(), "output"))
        .append('\n');
    for (ImpactResult.Output o : derived.outputs()) {
      out.append("  ")
          .append(o.pointer())
          .append(" [")
          .append(o.type())
          .append("]  written by ")
          .append(String.join(", ", o.writtenBy()))
          .append('\n');
    }
    return out.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
