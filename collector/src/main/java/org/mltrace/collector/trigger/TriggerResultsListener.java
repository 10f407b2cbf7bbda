package org.mltrace.collector.trigger;

import java.util.List;

/**
 * Told by the trigger engine which runs' results it has just committed to {@code trigger_results},
 * in the engine's thread, after the commit: alerting reads them from there. A listener that throws
 * is logged; the results stay stored and the engine goes on.
 */
@FunctionalInterface
public interface TriggerResultsListener {
  /** Listens to nothing: the wiring while no alerting is configured. */
  TriggerResultsListener NONE = runIds -> {};

  /** {@code runIds}: the runs whose results (one row per declaration) were just committed. */
  void evaluated(List<String> runIds);
}
