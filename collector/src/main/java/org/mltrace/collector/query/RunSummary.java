package org.mltrace.collector.query;

import java.time.Instant;
import org.mltrace.collector.store.RunRow;

/** A run in a list: who, when, and how it ended, without its values. */
public record RunSummary(
    String id, String component, Instant startTime, Instant endTime, String status) {

  static RunSummary of(RunRow r) {
    return new RunSummary(r.id(), r.component(), r.startTime(), r.endTime(), r.status());
  }
}
