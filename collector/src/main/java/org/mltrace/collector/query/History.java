package org.mltrace.collector.query;

import java.util.List;
import java.util.Map;

/**
 * A component's runs, newest first, at most {@code limit}, with each run's trigger results in
 * brief ({@link TriggerCounts#NONE} for a run without any).
 */
public record History(
    String component, int limit, List<RunView> runs, Map<String, TriggerCounts> triggers) {

  public TriggerCounts triggersOf(String runId) {
    return triggers.getOrDefault(runId, TriggerCounts.NONE);
  }
}
