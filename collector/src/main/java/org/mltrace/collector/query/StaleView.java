package org.mltrace.collector.query;

import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StalenessService;

/**
 * Why a run is stale (see {@link StalenessService}): the rule's key ({@code outdated_dependency},
 * {@code fresher_output}, {@code failed_trigger}), the upstream run at fault, and one line for
 * people.
 */
public record StaleView(String kind, String dependencyRunId, String message) {

  static StaleView of(StaleReason r) {
    return new StaleView(r.kind().key(), r.dependencyRunId(), r.message());
  }
}
