package org.mltrace.collector.query;

import java.time.Instant;
import java.util.List;

/**
 * What {@code mltrace label list} and {@code label show} tell about a label.
 *
 * @param label the label
 * @param retractedAt when a deletion request was recorded for it, or null
 * @param direct the pointers that carry it directly ({@code label add}), by identifier
 * @param derived what carries it through lineage: the runs and outputs derived from the direct
 *     pointers ({@link LabelQuery#outputs}); null in the list, which does not walk the lineage
 */
public record LabelInfo(
    String label, Instant retractedAt, List<Carrier> direct, ImpactResult derived) {

  /** A pointer that carries the label directly, and when it was added. */
  public record Carrier(String pointer, Instant addedAt) {}

  public boolean retracted() {
    return retractedAt != null;
  }
}
