package org.mltrace.agent.core;

import java.util.concurrent.atomic.LongAdder;
import org.mltrace.agent.bootstrap.CaptureBridge;

/** Process-wide counts of what the agent wrote, dropped and failed at; reported in stats events. */
public final class AgentCounters {
  private static final LongAdder WRITTEN = new LongAdder();
  private static final LongAdder DROPPED = new LongAdder();
  private static final LongAdder ERRORS = new LongAdder();

  private AgentCounters() {}

  public static void written() {
    WRITTEN.increment();
  }

  public static void dropped() {
    DROPPED.increment();
  }

  public static void internalError() {
    ERRORS.increment();
  }

  public static long writtenCount() {
    return WRITTEN.sum();
  }

  public static long droppedCount() {
    return DROPPED.sum();
  }

  /** Errors counted by the agent plus any that reached the bridge's last-resort catch. */
  public static long internalErrorCount() {
    return ERRORS.sum() + CaptureBridge.failures();
  }
}
