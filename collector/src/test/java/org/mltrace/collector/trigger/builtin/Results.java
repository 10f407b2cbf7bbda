package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mltrace.collector.trigger.TriggerResult;

/** Assertions on a TriggerResult's status, figures and message. */
final class Results {
  static final double EXACT = 1e-12;

  private Results() {}

  static void assertPass(TriggerResult r, double value, double threshold, double tolerance) {
    assertEquals(TriggerResult.Status.PASS, r.status(), r.message());
    assertFigures(r, value, threshold, tolerance);
  }

  static void assertFail(TriggerResult r, double value, double threshold, double tolerance) {
    assertEquals(TriggerResult.Status.FAIL, r.status(), r.message());
    assertFigures(r, value, threshold, tolerance);
  }

  /** An error whose message contains every fragment. */
  static void assertError(TriggerResult r, String... fragments) {
    assertEquals(TriggerResult.Status.ERROR, r.status(), r.message());
    for (String f : fragments) {
      assertTrue(r.message().contains(f), "'" + r.message() + "' should contain '" + f + "'");
    }
  }

  /** Skipped (no reference yet): no value, no threshold, and the reason in the message. */
  static void assertSkipped(TriggerResult r, String... fragments) {
    assertEquals(TriggerResult.Status.SKIPPED, r.status(), r.message());
    assertEquals(null, r.value());
    for (String f : fragments) {
      assertTrue(r.message().contains(f), "'" + r.message() + "' should contain '" + f + "'");
    }
  }

  static void assertMessageContains(TriggerResult r, String fragment) {
    assertTrue(
        r.message().contains(fragment), "'" + r.message() + "' should contain '" + fragment + "'");
  }

  private static void assertFigures(
      TriggerResult r, double value, double threshold, double tolerance) {
    assertEquals(value, r.value(), tolerance, "value; " + r.message());
    assertEquals(threshold, r.threshold(), EXACT, "threshold; " + r.message());
  }
}
