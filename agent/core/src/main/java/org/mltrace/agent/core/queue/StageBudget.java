package org.mltrace.agent.core.queue;

/**
 * How many runs the {@link StartupStage} takes before it holds the circuit breaker open: those of a
 * serving rate since the first staged run began, plus a buffer's worth.
 *
 * <p>The stage keeps the calls made while the queue opens so that a service busy from its first
 * second is recorded in full; its bounds are in bytes and large (memory, then a spill file),
 * because the opening can take 1 to 3 s on a busy machine. A tight loop fills it at hundreds of
 * thousands of runs a second, every one of them encoded now and appended later, while the JIT and
 * the queue's opening compete for the same cores. A budget over time tells the two apart however
 * long the opening takes: a paced service never makes more than its rate times the time elapsed, a
 * tight loop soon does, and beyond the budget the breaker records one call in {@value
 * org.mltrace.agent.core.capture.CircuitBreaker#KEEP_ONE_IN} and counts the others, as it does once
 * the writer falls behind.
 *
 * <p>The time is the runs' own (when each call began), not the writer's: a writer that drains late
 * (busy machine, its code not yet compiled) stages many runs at once, yet their start times still
 * show the rate they were made at; and the budget earns nothing while the JVM starts and no run is
 * made, which would be credit for a tight loop to spend. Writer thread only.
 */
final class StageBudget {
  /** One and a half times issue 15's serving rate (50,000 calls/s), for the pacing's jitter. */
  static final long RUNS_PER_SECOND = 75_000;

  /** Runs allowed at once on top of the rate: the event buffer's capacity. */
  static final long SLACK_RUNS = 16_384;

  private final long runsPerSecond;
  private final long slackRuns;
  private long firstStartMicros;
  private long latestStartMicros;
  private long staged;
  private boolean exceeded;

  StageBudget(long runsPerSecond, long slackRuns) {
    this.runsPerSecond = runsPerSecond;
    this.slackRuns = slackRuns;
  }

  static StageBudget servingRate() {
    return new StageBudget(RUNS_PER_SECOND, SLACK_RUNS);
  }

  /** One more run went to the stage; it began at {@code startEpochMicros}. */
  void staged(long startEpochMicros) {
    if (staged++ == 0) {
      firstStartMicros = startEpochMicros;
      latestStartMicros = startEpochMicros;
    }
    // The latest start so far: runs are staged as they end, so a long call comes after shorter
    // ones that began later.
    latestStartMicros = Math.max(latestStartMicros, startEpochMicros);
    long elapsedMicros = latestStartMicros - firstStartMicros;
    exceeded = staged > slackRuns + runsPerSecond * elapsedMicros / 1_000_000;
  }

  /** Whether the stage has taken more runs than the rate allows in the time they span. */
  boolean exceeded() {
    return exceeded;
  }
}
