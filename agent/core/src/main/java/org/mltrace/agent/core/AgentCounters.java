package org.mltrace.agent.core;

import java.util.concurrent.atomic.LongAdder;
import org.mltrace.agent.bootstrap.CaptureBridge;

/**
 * Process-wide counts of what the agent wrote, dropped and failed at; reported in stats events.
 * Every drop and internal error is also counted by kind in {@link AgentHealth}.
 */
public final class AgentCounters {
  private static final LongAdder WRITTEN = new LongAdder();
  private static final LongAdder DROPPED = new LongAdder();
  private static final LongAdder ERRORS = new LongAdder();

  private AgentCounters() {}

  public static void written() {
    WRITTEN.increment();
  }

  /** A run lost, for the reason {@code kind} (one of the {@code DROPPED_*} kinds). */
  public static void dropped(AgentHealth kind) {
    DROPPED.increment();
    AgentHealth.count(kind);
  }

  /** A failure caught inside the agent, of no more specific kind. */
  public static void internalError() {
    internalError(AgentHealth.OTHER);
  }

  public static void internalError(AgentHealth kind) {
    ERRORS.increment();
    AgentHealth.count(kind);
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
