package org.mltrace.collector.evaluation;

import java.util.List;
import java.util.Optional;
import org.mltrace.collector.trigger.Phase;
import org.mltrace.collector.trigger.RetractedRead;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;

/** The {@link TriggerContext} of one declaration on one run, backed by its batch's history. */
record EvaluationContext(
    TriggerArgs args, Phase phase, RunSnapshot run, List<RunSnapshot> history, BatchHistory batch)
    implements TriggerContext {

  @Override
  public Optional<RunSnapshot> runById(String runId) {
    return batch.runById(runId);
  }

  @Override
  public List<RunSnapshot> latestRunsOf(String component, int limit) {
    return batch.latestRunsOf(component, run.start(), limit);
  }

  @Override
  public List<RetractedRead> retractedReads() {
    return batch.retractedReads(run.id());
  }
}
