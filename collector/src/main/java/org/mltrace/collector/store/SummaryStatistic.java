package org.mltrace.collector.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * A number of an array's or collection's summary ({@code run_value_summaries}) that can be watched
 * over time, by the key written after the value's name ({@code fares.null_fraction}).
 */
public enum SummaryStatistic {
  MEAN("mean"),
  MIN("min"),
  MAX("max"),
  STDDEV("stddev"),
  /** the exact element count, {@code element_count} */
  COUNT("count"),
  /** nulls and NaNs over the elements sampled, as the {@code not_null} trigger counts them */
  NULL_FRACTION("null_fraction"),
  /** {@code distinct_estimate} */
  DISTINCT("distinct");

  private final String key;

  SummaryStatistic(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<SummaryStatistic> of(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
