package org.mltrace.collector.query;

import java.time.Instant;

/**
 * How far {@code trace} goes: at most {@code depth} producers above the start (below 0: no limit),
 * and only producers that started in [since, until) (null: unbounded), whose own upstream is then
 * left out too. The run the trace starts at is always shown.
 */
public record TraceLimits(int depth, Instant since, Instant until) {
  public static final TraceLimits NONE = new TraceLimits(-1, null, null);

  /**
   * @throws InvalidRequestException if depth is 0 or less than -1, or since is not before until
   */
  public TraceLimits {
    if (depth == 0 || depth < -1) {
      throw new InvalidRequestException("--depth must be at least 1, got " + depth);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidRequestException("--since " + since + " must be before --until " + until);
    }
  }

  /** Whether a run that started at {@code start} is inside [since, until). */
  public boolean includes(Instant start) {
    return start != null
        && (since == null || !start.isBefore(since))
        && (until == null || start.isBefore(until));
  }
}
