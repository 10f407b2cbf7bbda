package org.mltrace.collector.cli;

import java.util.LinkedHashSet;
import java.util.List;
import org.mltrace.collector.staleness.StaleReason;

/** A run's staleness in one table cell: the rules that hold, {@code -} when none does. */
final class StaleCell {
  private StaleCell() {}

  static String kinds(List<StaleReason> reasons) {
    if (reasons.isEmpty()) {
      return "-";
    }
    LinkedHashSet<String> kinds = new LinkedHashSet<>();
    reasons.forEach(r -> kinds.add(r.kind().key()));
    return String.join(",", kinds);
  }
}
