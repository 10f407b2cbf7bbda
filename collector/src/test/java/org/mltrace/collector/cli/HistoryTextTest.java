package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.query.TriggerCounts;

class HistoryTextTest {

  @Test
  void skippedTriggersAreNamedApartFromFailuresAndErrors() {
    TriggerCounts t =
        new TriggerCounts(2, 1, 0, List.of("range"), List.of(), false, List.of("psi", "ks"));
    assertEquals("2 pass, fail: range, skipped: psi ks", HistoryText.triggers(t));
  }

  @Test
  void aFirstRunWithOnlySkippedDriftTriggersShowsNoError() {
    TriggerCounts t = new TriggerCounts(0, 0, 0, List.of(), List.of(), false, List.of("psi"));
    assertEquals("skipped: psi", HistoryText.triggers(t));
  }
}
