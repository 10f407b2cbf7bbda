package org.mltrace.collector.staleness;

import java.time.Instant;
import java.util.List;

/** A component's latest run and why it is stale (never empty). */
public record StaleRun(String runId, String component, Instant start, List<StaleReason> reasons) {
  public StaleRun {
    reasons = List.copyOf(reasons);
  }
}
