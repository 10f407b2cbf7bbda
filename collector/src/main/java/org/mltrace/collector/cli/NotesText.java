package org.mltrace.collector.cli;

import java.util.List;
import org.mltrace.collector.query.Annotations;

/** A run's notes as {@code inspect} ends with them: nothing when there are none. */
final class NotesText {
  private NotesText() {}

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
