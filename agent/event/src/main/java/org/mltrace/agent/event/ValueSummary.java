package org.mltrace.agent.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A bounded description of an array, collection or map, computed by the agent on a sample of at
 * most {@code sample_cap} elements; what drift and outlier checks consume.
 *
 * <p>For {@code elements = "number"} the moments are of the numbers (integers widened to {@code
 * double}); for {@code "string"} they are of the strings' lengths. {@code min}, {@code max}, {@code
 * mean} and {@code stddev} are {@link Double#NaN} when the sample held no usable value (all null or
 * NaN, or empty).
 *
 * @param elements {@code number}, {@code string} or {@code boolean} (as 1 and 0): what the sampled
 *     elements (map values) were; {@code none} when the sample held only nulls or nothing
 * @param sampling {@code all} (every element read), {@code stride} (evenly spaced indices of an
 *     array or random-access list) or {@code head} (the first {@code sampled} elements in iteration
 *     order, for collections without random access)
 * @param count the exact number of elements (map entries)
 * @param sampled how many elements were read; the remaining fields describe only these
 * @param nulls null elements in the sample
 * @param nans NaN elements in the sample (never counted in the moments)
 * @param min smallest sampled value
 * @param max largest sampled value
 * @param mean arithmetic mean of the sampled values
 * @param stddev population standard deviation (divided by n, not n - 1) of the sampled values
 * @param distinct estimated number of distinct non-null, non-NaN values in the sample (linear
 *     counting over 64-bit hashes)
 * @param sample the sampled values in sampling order (numbers widened to {@code double}, strings as
 *     their lengths, NaN kept, nulls dropped), at most {@code sample_cap} of them; null unless a
 *     declared trigger needs them. Since format version 4.
 * @param hashes a 64-bit hash of each sampled non-null element in sampling order (see {@code
 *     docs/event-format.md} for the hash), for overlap checks; null unless a declared trigger needs
 *     them. Since format version 4.
 * @param texts every sampled element as text in sampling order, nulls kept as null (so two parallel
 *     collections of one length line up): a whole number as digits ({@code 42}), another number by
 *     {@link Double#toString}, a string cut to the variable's {@code max_length}; null unless a
 *     task names the variable (its identifiers, predictions or labels). Since format version 5.
 * @param keys a map's keys as texts, as {@code texts} are written, one per text in the same order
 *     (entry by entry), so a task reads the map as (id, value) pairs; null unless a task names the
 *     map and for anything but a map. Since format version 6.
 */
public record ValueSummary(
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
    long distinct,
    double[] sample,
    long[] hashes,
    List<String> texts,
    List<String> keys) {

  public ValueSummary {
    texts = texts == null ? null : Collections.unmodifiableList(new ArrayList<>(texts));
    keys = keys == null ? null : Collections.unmodifiableList(new ArrayList<>(keys));
  }

  /** Without keys (anything but a map a task names). */
  public ValueSummary(
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
      long distinct,
      double[] sample,
      long[] hashes,
      List<String> texts) {
    this(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, sample,
        hashes, texts, null);
  }

  /** Without texts (what no task asked for). */
  public ValueSummary(
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
      long distinct,
      double[] sample,
      long[] hashes) {
    this(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, sample,
        hashes, null);
  }

  /** Without a sample or hashes (what no trigger asked for). */
  public ValueSummary(
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
      long distinct) {
    this(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, null,
        null);
  }

  /** This summary carrying {@code sample} and {@code hashes} (either may be null). */
  public ValueSummary withExtras(double[] sample, long[] hashes) {
    return new ValueSummary(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, sample,
        hashes, texts, keys);
  }

  /** This summary carrying {@code texts} (or none, when null). */
  public ValueSummary withTexts(List<String> texts) {
    return new ValueSummary(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, sample,
        hashes, texts, keys);
  }

  /** This summary carrying a map's {@code keys} (or none, when null). */
  public ValueSummary withKeys(List<String> keys) {
    return new ValueSummary(
        elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct, sample,
        hashes, texts, keys);
  }

  // Arrays compare by content, so that a decoded event equals the encoded one.
  @Override
  public boolean equals(Object o) {
    return o instanceof ValueSummary v
        && elements.equals(v.elements)
        && sampling.equals(v.sampling)
        && count == v.count
        && sampled == v.sampled
        && nulls == v.nulls
        && nans == v.nans
        && Double.compare(min, v.min) == 0
        && Double.compare(max, v.max) == 0
        && Double.compare(mean, v.mean) == 0
        && Double.compare(stddev, v.stddev) == 0
        && distinct == v.distinct
        && Arrays.equals(sample, v.sample)
        && Arrays.equals(hashes, v.hashes)
        && Objects.equals(texts, v.texts)
        && Objects.equals(keys, v.keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
            elements, sampling, count, sampled, nulls, nans, min, max, mean, stddev, distinct)
        + 31 * Arrays.hashCode(sample)
        + Arrays.hashCode(hashes)
        + Objects.hashCode(texts)
        + 17 * Objects.hashCode(keys);
  }

  @Override
  public String toString() {
    return "ValueSummary[elements="
        + elements
        + ", sampling="
        + sampling
        + ", count="
        + count
        + ", sampled="
        + sampled
        + ", nulls="
        + nulls
        + ", nans="
        + nans
        + ", min="
        + min
        + ", max="
        + max
        + ", mean="
        + mean
        + ", stddev="
        + stddev
        + ", distinct="
        + distinct
        + ", sample="
        + (sample == null ? "null" : sample.length + " values")
        + ", hashes="
        + (hashes == null ? "null" : hashes.length + " hashes")
        + ", texts="
        + (texts == null ? "null" : texts.size() + " texts")
        + ", keys="
        + (keys == null ? "null" : keys.size() + " keys")
        + "]";
  }
}
