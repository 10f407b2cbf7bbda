package org.mltrace.collector.query;

import java.util.List;
import java.util.Map;
import org.mltrace.collector.staleness.StaleReason;

/**
 * A component's runs, newest first, at most {@code limit}, with each run's trigger results in brief
 * ({@link TriggerCounts#NONE} for a run without any) and why it is stale (absent when it is not),
 * and where each run's woven classes came from (absent when its agent did not say).
 */
public record History(
    String component,
    int limit,
    List<RunView> runs,
    Map<String, TriggerCounts> triggers,
    Map<String, List<StaleReason>> stale,
    Map<String, List<CodeSourceView>> codeSources) {

  public TriggerCounts triggersOf(String runId) {
    return triggers.getOrDefault(runId, TriggerCounts.NONE);
  }

  public List<StaleReason> staleOf(String runId) {
    return stale.getOrDefault(runId, List.of());
  }

  public List<CodeSourceView> codeSourcesOf(String runId) {
    return codeSources.getOrDefault(runId, List.of());
  }

  /**
   * Whether the shown runs' code sources differ (a jar changed between runs, or began to be known).
   */
  public boolean codeSourceChanges() {
    return runs.stream()
            .map(r -> CodeSourceView.brief(codeSourcesOf(r.row().id())))
            .distinct()
            .count()
        > 1;
  }
}
