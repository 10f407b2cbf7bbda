package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StageBudgetTest {
  private static final long START = 1_700_000_000_000_000L; // epoch micros

  @Test
  void aServiceAtItsRateStaysWithinTheBudgetHoweverLateTheWriterStagesItsRuns() {
    StageBudget budget = StageBudget.servingRate();
    // 50,000 calls a second for ten seconds, one every 20 µs, staged whenever: only their start
    // times count.
    for (long i = 0; i < 500_000; i++) {
      budget.staged(START + i * 20);
      if (budget.exceeded()) {
        throw new AssertionError("run " + i + " exceeded the budget");
      }
    }
  }

  @Test
  void aServiceBehindScheduleThatCatchesUpMayNotExceedItsRateSinceItsFirstCall() {
    StageBudget budget = StageBudget.servingRate();
    budget.staged(START);
    // Stalled 1.5 s (the JIT, a busy machine), then the 75,000 calls it owes in 0.1 s.
    for (long i = 1; i <= 75_000; i++) {
      budget.staged(START + 1_500_000 + i * 100_000 / 75_000);
    }
    assertFalse(budget.exceeded());
  }

  @Test
  void aTightLoopExceedsItAfterTheSlack() {
    StageBudget budget = StageBudget.servingRate();
    // 300,000 runs a second: the slack, and a third of the calls beyond it, fit.
    long i = 0;
    while (!budget.exceeded()) {
      budget.staged(START + i * 10 / 3);
      i++;
    }
    assertTrue(i > StageBudget.SLACK_RUNS && i < 2 * StageBudget.SLACK_RUNS, i + " runs");
  }

  @Test
  void theSlackAloneIsABuffersWorth() {
    StageBudget budget = new StageBudget(75_000, 16_384);
    for (int i = 0; i < 16_384; i++) {
      budget.staged(START);
    }
    assertFalse(budget.exceeded());
    budget.staged(START);
    assertTrue(budget.exceeded());
  }
}
