package org.mltrace.collector.query;

import java.util.HashMap;
import java.util.Map;
import org.mltrace.collector.store.StoreException;

/**
 * The histograms of a run's stored samples ({@code run_value_samples}: the agent keeps a sample
 * only of variables a declared trigger needs), binned here so the page draws bars without the
 * sample. One indexed statement per run, and one more per direction sampled.
 *
 * @throws StoreException (from every method) when the database fails or a stored sample is not a
 *     whole number of doubles
 */
public final class SampleQuery {
  private final QueryService queries;

  public SampleQuery(QueryService queries) {
    this.queries = queries;
  }

  /**
   * The histogram of each of the run's values that has a sample with a finite number, by {@code
   * "input"} or {@code "output"} and then the value's index in {@code inspect}'s list of that
   * direction (values are listed by position, which need not count from 0).
   */
  public Map<String, Map<Integer, SampleHistogram>> histograms(String runId) {
    Map<String, Map<Integer, SampleHistogram>> byDirection = new HashMap<>();
    for (var direction : queries.repository().samples(runId).entrySet()) {
      for (var sample : direction.getValue().entrySet()) {
        SampleHistogram h = SampleHistogram.of(sample.getValue());
        if (h != null) {
          byDirection
              .computeIfAbsent(direction.getKey(), k -> new HashMap<>())
              .put(sample.getKey(), h);
        }
      }
    }
    return byDirection;
  }
}
