package org.mltrace.collector.cli;

import java.util.List;
import org.mltrace.collector.query.Annotations;
import org.mltrace.collector.query.LabelWarning;
import org.mltrace.collector.query.PurgeNotice;

/**
 * What {@code inspect} (and {@code trace}) end with: the run's notes and label warnings; nothing
 * when there are none.
 */
final class NotesText {
  private NotesText() {}

  /** One {@code warning: ...} line per retracted label the run derives from. */
  static String warnings(List<LabelWarning> warnings) {
    StringBuilder out = new StringBuilder();
    warnings.forEach(w -> out.append("warning: ").append(w.message()).append('\n'));
    return out.toString();
  }

  /** One line per purge that blanked the run's values. */
  static String purges(List<PurgeNotice> purges) {
    StringBuilder out = new StringBuilder();
    purges.forEach(p -> out.append(p.message()).append('\n'));
    return out.toString();
  }

  static String render(List<Annotations.Note> notes) {
    if (notes.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("notes\n");
    for (Annotations.Note n : notes) {
      out.append("  ")
          .append(TextFormat.time(n.notedAt()))
          .append("  ")
          .append(TextFormat.oneLine(n.text()))
          .append('\n');
    }
    return out.toString();
  }
}
