package org.mltrace.agent.core.capture;

/**
 * A component's {@code sample:}: which of its calls to record.
 *
 * @param fraction {@code sample: 0.01}: each call is recorded with this probability (0 to 1]; 1
 *     when a rate is given instead
 * @param maxPerSecond {@code sample: {max_per_second: 1000}}: at most about this many calls per
 *     second are recorded (the first ones of each second); 0 when a fraction is given instead
 */
public record SampleSpec(double fraction, long maxPerSecond) {
  public static SampleSpec fraction(double fraction) {
    return new SampleSpec(fraction, 0);
  }

  public static SampleSpec maxPerSecond(long max) {
    return new SampleSpec(1.0, max);
  }
}
