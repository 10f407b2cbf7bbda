package org.mltrace.agent.event;

/**
 * A bounded description of an array, collection or map, computed by the agent on a sample of at
 * most {@code sample_cap} elements; what drift and outlier checks consume.
 *
 * <p>For {@code elements = "number"} the moments are of the numbers (integers widened to {@code
 * double}); for {@code "string"} they are of the strings' lengths. {@code min}, {@code max},
 * {@code mean} and {@code stddev} are {@link Double#NaN} when the sample held no usable value (all
 * null or NaN, or empty).
 *
 * @param elements {@code number} or {@code string}: what the sampled elements (map values) were;
 *     {@code none} when the sample held only nulls or nothing
 * @param sampling {@code all} (every element read), {@code stride} (evenly spaced indices of an
 *     array or random-access list) or {@code head} (the first {@code sampled} elements in
 *     iteration order, for collections without random access)
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
    long distinct) {}
