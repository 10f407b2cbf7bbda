package org.mltrace.collector.trigger;

import java.util.Optional;

/**
 * One captured input or output, as stored.
 *
 * @param name the YAML variable name
 * @param kind the stored value kind: ABSENT, NULL, BOOLEAN, LONG, DOUBLE, STRING, POINTER, ERROR,
 *     SUMMARY, ...
 * @param text the stored text of the value (a number's decimal form, a string), or null
 * @param pointerId the IOPointer identifier when the value is a pointer, or null
 * @param size the exact size of a collection, array, string or file, or null
 * @param summary the agent's summary of an array/collection/map, or null
 * @param sample the sampled numeric values (at most the sample cap, NaN kept as NaN, nulls
 *     dropped), present only when a declared trigger asked the agent for them; else null
 * @param hashes 64-bit hashes of the sampled elements (for overlap checks), present only when a
 *     declared trigger asked for them; else null
 */
public record CapturedData(
    String name,
    String kind,
    String text,
    String pointerId,
    Long size,
    Summary summary,
    double[] sample,
    long[] hashes) {

  /** The value as a number when it is one (LONG, DOUBLE, or a numeric text), else empty. */
  public Optional<Double> number() {
    if (text == null || !("LONG".equals(kind) || "DOUBLE".equals(kind))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The agent's summary of a numeric or string collection (see {@code
   * org.mltrace.agent.event.ValueSummary}); moments are NaN when the sample held no number.
   */
  public record Summary(
      String elements,
      String sampling,
      long count,
      long sampled,
      long nulls,
      long nans,
      double min,
      double max,
      double mean,
      double stddev,
      long distinct) {}
}
