package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StageBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aServiceAtItsRateStaysWithinTheBudgetHoweverLongTheQueueTakesToOpen() {
    StageBudget budget = StageBudget.servingRate();
    budget.start(0);
    // 50,000 runs a second for ten seconds, staged a hundredth of a second at a time.
    for (int tick = 1; tick <= 1_000; tick++) {
      for (int i = 0; i < 500; i++) {
        budget.staged();
      }
      assertFalse(budget.exceeded(tick * SECOND / 100), "at " + tick * 10 + " ms");
    }
  }

  @Test
  void aServiceBehindScheduleMayCatchUpAtOnce() {
    StageBudget budget = StageBudget.servingRate();
    budget.start(0);
    // Nothing for the first 1.5 s (the JIT, a busy machine), then the 75,000 calls it owes.
    for (int i = 0; i < 75_000; i++) {
      budget.staged();
    }
    assertFalse(budget.exceeded(3 * SECOND / 2));
  }

  @Test
  void aTightLoopExceedsItWithinAFractionOfASecond() {
    StageBudget budget = StageBudget.servingRate();
    budget.start(0);
    // 300,000 runs a second: past the buffer's worth of slack and 75,000/s by 0.08 s.
    for (int i = 0; i < 30_000; i++) {
      budget.staged();
    }
    assertTrue(budget.exceeded(SECOND / 10));
  }

  @Test
  void theSlackAloneIsABuffersWorth() {
    StageBudget budget = new StageBudget(75_000, 16_384);
    budget.start(5 * SECOND);
    for (int i = 0; i < 16_384; i++) {
      budget.staged();
    }
    assertFalse(budget.exceeded(5 * SECOND));
    budget.staged();
    assertTrue(budget.exceeded(5 * SECOND));
  }
}
