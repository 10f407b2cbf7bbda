package org.mltrace.collector.trigger;

/**
 * What one evaluation found.
 *
 * @param status pass, fail, error (the trigger could not decide: missing variable, exception) or
 *     skipped (nothing to compare with yet: a drift trigger on a component's first run)
 * @param value the statistic computed (a PSI, a null fraction, an accuracy), or null
 * @param threshold the bound it was compared with, or null
 * @param message one line for people: what was compared and why it passed or failed
 */
public record TriggerResult(Status status, Double value, Double threshold, String message) {

  /** The outcome, stored lower-case in {@code trigger_results.status}. */
  public enum Status {
    PASS,
    FAIL,
    ERROR,
    /** Not evaluated, for a reason that is no fault: no reference run exists yet. */
    SKIPPED;

    /** {@code pass}, {@code fail}, {@code error} or {@code skipped}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static TriggerResult pass(Double value, Double threshold, String message) {
    return new TriggerResult(Status.PASS, value, threshold, message);
  }

  public static TriggerResult fail(Double value, Double threshold, String message) {
    return new TriggerResult(Status.FAIL, value, threshold, message);
  }

  public static TriggerResult error(String message) {
    return new TriggerResult(Status.ERROR, null, null, message);
  }

  /** Nothing to decide yet; {@code message} says why (no earlier run to compare with). */
  public static TriggerResult skipped(String message) {
    return new TriggerResult(Status.SKIPPED, null, null, message);
  }

  /** Pass when {@code passed}, else fail, with the same figures. */
  public static TriggerResult of(boolean passed, Double value, Double threshold, String message) {
    return passed ? pass(value, threshold, message) : fail(value, threshold, message);
  }
}
