package org.mltrace.agent.core.queue;

import java.util.concurrent.TimeUnit;

/**
 * How many runs the {@link StartupStage} takes before it holds the circuit breaker open: those of a
 * serving rate since the writer started, plus a buffer's worth.
 *
 * <p>The stage keeps the calls made while the queue opens so that a service busy from its first
 * second is recorded in full; its bounds are in bytes and large (memory, then a spill file),
 * because the opening can take 1 to 3 s on a busy machine. A tight loop fills it at hundreds of
 * thousands of runs a second, every one of them encoded now and appended later, while the JIT and
 * the queue's opening compete for the same cores. A budget over time tells the two apart however
 * long the opening takes: a paced service never makes more than its rate times the time elapsed, a
 * tight loop soon does, and beyond the budget the breaker records one call in {@value
 * org.mltrace.agent.core.capture.CircuitBreaker#KEEP_ONE_IN} and counts the others, as it does once
 * the writer falls behind. Writer thread only.
 */
final class StageBudget {
  /** One and a half times issue 15's serving rate (50,000 calls/s), for the pacing's jitter. */
  static final long RUNS_PER_SECOND = 75_000;

  /** Runs allowed at once on top of the rate: the event buffer's capacity. */
  static final long SLACK_RUNS = 16_384;

  private final long runsPerSecond;
  private final long slackRuns;
  private long startNanos;
  private long staged;

  StageBudget(long runsPerSecond, long slackRuns) {
    this.runsPerSecond = runsPerSecond;
    this.slackRuns = slackRuns;
  }

  static StageBudget servingRate() {
    return new StageBudget(RUNS_PER_SECOND, SLACK_RUNS);
  }

  /**
   * The budget's time starts now: the writer thread's start. It is not started anew once the queue
   * is open: a service paced at its rate but behind schedule then (a busy machine, code not yet
   * compiled) catches up at once, and that must stay within the budget; a tight loop only has the
   * credit its slow first second left, a fraction of a second's worth.
   */
  void start(long nowNanos) {
    startNanos = nowNanos;
  }

  /** One more run went to the stage. */
  void staged() {
    staged++;
  }

  /** Whether the stage has taken more runs than the rate allows by {@code nowNanos}. */
  boolean exceeded(long nowNanos) {
    long elapsedMicros = Math.max(0, nowNanos - startNanos) / 1_000;
    return staged > slackRuns + runsPerSecond * elapsedMicros / TimeUnit.SECONDS.toMicros(1);
  }
}
