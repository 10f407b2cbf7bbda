package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.store.TriggerOutcome;

class TriggerCountsTest {

  private static TriggerOutcome result(int position, String trigger, String status) {
    return new TriggerOutcome(
        "run-1",
        "after_run",
        position,
        "train",
        trigger,
        status,
        null,
        null,
        "",
        true,
        Instant.EPOCH,
        0);
  }

  @Test
  void aSkippedTriggerIsNeitherAFailureNorAnError() {
    TriggerCounts counts =
        TriggerCounts.of(
            List.of(
                result(0, "not_null", "pass"),
                result(1, "psi", "skipped"),
                result(2, "range", "fail"),
                result(3, "ks", "error")));
    assertEquals(1, counts.pass());
    assertEquals(1, counts.fail());
    assertEquals(1, counts.error());
    assertEquals(List.of("range"), counts.failed());
    assertEquals(List.of("ks"), counts.errors());
    assertEquals(List.of("psi"), counts.skipped());
  }

  @Test
  void aRunWhoseOnlyTriggerWasSkippedStillHasResults() {
    TriggerCounts counts = TriggerCounts.of(List.of(result(0, "psi", "skipped")));
    assertFalse(counts.none());
    assertEquals(0, counts.fail() + counts.error());
  }
}
