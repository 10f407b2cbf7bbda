package org.mltrace.collector.truth;

import java.util.Locale;
import org.mltrace.agent.event.TaskEvent;

/** Predictions and labels from their captured or written text. */
final class Values {
  private Values() {}

  /**
   * The number a text stands for, or null when it stands for none: a number; for classification
   * kinds also {@code true}/{@code false}, {@code yes}/{@code no} (any case) as 1 and 0. A
   * regression takes numbers only.
   */
  static Double parse(String kind, String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (!kind.equals(TaskEvent.REGRESSION)) {
      switch (t.toLowerCase(Locale.ROOT)) {
        case "true", "yes" -> {
          return 1.0;
        }
        case "false", "no" -> {
          return 0.0;
        }
        default -> {}
      }
    }
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** What {@link #parse} accepts, for messages. */
  static String expected(String kind) {
    return kind.equals(TaskEvent.REGRESSION)
        ? "a number"
        : "1/0, true/false, yes/no or a number (a score)";
  }
}
