package org.mltrace.agent.event;

/** Numbers as people write them: {@code 0.9}, {@code 3} (not {@code 3.0}). */
public final class NumberText {
  private NumberText() {}

  /** A whole number without a fraction, else {@link Double#toString}. */
  public static String of(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
