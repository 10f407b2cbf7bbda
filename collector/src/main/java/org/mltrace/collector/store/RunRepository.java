package org.mltrace.collector.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mltrace.collector.lineage.Dependency;

/**
 * The read side of the store, as queries need it. Every method throws {@link StoreException} when
 * the database fails; an unknown id gives an empty result, never an exception.
 */
public interface RunRepository {

  Optional<RunRow> findRun(String runId);

  /** Each run's inputs and outputs in YAML order, read once for both. */
  RunValues values(Collection<String> runIds);

  /** Runs' inputs and outputs by run id; runs without any are absent from each map. */
  record RunValues(Map<String, List<ValueRow>> inputs, Map<String, List<ValueRow>> outputs) {}

  /** The runs this run depends on, ordered by the position of the input they produced. */
  List<Dependency> upstreamOf(String runId);

  /** {@link #upstreamOf(String)} of each run; runs without dependencies are absent. */
  Map<String, List<Dependency>> upstreamOf(Collection<String> runIds);

  /** The runs that depend on this run, by run id. */
  List<Dependency> downstreamOf(String runId);

  Optional<PointerRow> findPointer(String identifier);

  /** The id of the run that wrote the pointer last (by end time), if any did. */
  Optional<String> latestProducerOf(String pointerId);

  /** How many distinct runs read the pointer. */
  int readerCount(String pointerId);

  Optional<ComponentRow> findComponent(String name);

  /**
   * The component's runs that started in [{@code since}, {@code until}) (null: unbounded), newest
   * start first, at most {@code limit}.
   */
  List<RunRow> recentRuns(String component, int limit, Instant since, Instant until);

  /**
   * The trigger results stored for each of {@code runIds} (runs without results are absent), each
   * run's in phase ({@code before_run} first) and declaration order.
   */
  Map<String, List<TriggerOutcome>> triggerResults(Collection<String> runIds);

  /**
   * The run's stored samples ({@code run_value_samples}) as doubles, by {@code "input"} or {@code
   * "output"} and then the value's index in that direction's list (values are listed by position,
   * which need not count from 0). Fails with {@link StoreException} also when a stored sample is
   * not a whole number of doubles.
   */
  Map<String, Map<Integer, double[]>> samples(String runId);

  /** Those of {@code runIds} whose triggers wait in {@code trigger_pending}. */
  java.util.Set<String> pendingTriggerRuns(Collection<String> runIds);
}
