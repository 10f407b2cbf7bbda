package org.mltrace.collector.lineage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Converts the agent's epoch-microsecond timestamps. */
public final class EventTimes {
  private EventTimes() {}

  /** The instant {@code epochMicros} microseconds after the epoch (negative goes before it). */
  public static Instant ofEpochMicros(long epochMicros) {
    return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
  }
}
