package org.mltrace.it;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Waits for a condition with a generous timeout instead of asserting on time. */
final class Poll {
  private Poll() {}

  /**
   * Calls {@code check} every 200 ms until it is true; fails with {@code what} after the timeout.
   */
  static void until(String what, long timeoutSeconds, Callable<Boolean> check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!check.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutSeconds + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
