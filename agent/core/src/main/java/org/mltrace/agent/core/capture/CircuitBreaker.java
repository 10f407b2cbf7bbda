package org.mltrace.agent.core.capture;

import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;

/**
 * Backs off when the queue writer falls behind: while the event buffer holds {@link #highWater}
 * events or more (three quarters of its capacity), only about one call in {@value #KEEP_ONE_IN} of
 * every component is recorded, the others are counted as unrecorded (not dropped: their number
 * still reaches the collector, see {@link ComponentSampler}); once the writer has drained the
 * buffer to {@link #lowWater} (an eighth of its capacity) or less, every call is recorded again.
 *
 * <p>The two thresholds apart keep the breaker from flapping at one level. Opening is noticed by
 * the thread that submits (which already holds the buffer's size), closing by the writer thread
 * after each batch; the calls only read one volatile flag.
 *
 * <p>The writer can also {@link #hold} the breaker open whatever the buffer's fill: while its
 * start-up stage takes runs faster than a serving rate (see {@code StageBudget}). And once the
 * buffer holds {@link #stopMark} events (all but a sixteenth of its capacity) or has turned a run
 * away ({@link #bufferFull}), no call is recorded until the writer has taken the buffer below the
 * high-water mark: each would cost the application a recorded call only to be dropped; they are
 * counted as unrecorded instead. The stop mark comes before the buffer is full because one call in
 * sixteen of a tight loop still outruns a writer whose first appends run interpreted: stopping at
 * the brim left one run dropped in about half of the tight loops measured.
 */
public final class CircuitBreaker {
  public static final int KEEP_ONE_IN = 16;

  private final int highWater;
  private final int lowWater;
  private final int stopMark;
  private volatile boolean open;
  private volatile boolean held;
  private volatile boolean full;
  private final boolean never;

  /**
   * @param bufferCapacity the event buffer's capacity
   */
  public CircuitBreaker(int bufferCapacity) {
    this(bufferCapacity, false);
  }

  private CircuitBreaker(int bufferCapacity, boolean never) {
    this.never = never;
    // Three quarters, not half: a service at 50,000 calls a second fills half of the 16,384-event
    // buffer whenever the writer thread is descheduled for 160 ms, which a busy 2-core machine
    // does now and then; the breaker is for a writer that cannot keep up, not for a pause.
    this.highWater = Math.max(1, bufferCapacity / 4 * 3);
    this.lowWater = bufferCapacity / 8;
    // The calls look at the fill every 64 recorded runs (EventWriter.BREAKER_LOOK_EVERY), far
    // fewer than the sixteenth left above the mark.
    this.stopMark = bufferCapacity - bufferCapacity / 16;
  }

  /** A breaker that never opens, for recorders without a queue behind them (tests). */
  public static CircuitBreaker never() {
    return new CircuitBreaker(Integer.MAX_VALUE, true);
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * Open and the buffer full or at its {@link #stopMark}: no call is recorded. Read only while
   * {@link #isOpen}.
   */
  public boolean isFull() {
    return full;
  }

  /**
   * The buffer turned a run away: the breaker opens, and records nothing until {@link #observe}
   * sees the buffer below the high-water mark. Called by the submitting thread.
   */
  public void bufferFull() {
    if (never || full) {
      return;
    }
    full = true;
    if (!open) {
      open();
    }
  }

  public int highWater() {
    return highWater;
  }

  public int lowWater() {
    return lowWater;
  }

  public int stopMark() {
    return stopMark;
  }

  /**
   * Opens at or above the high-water mark, closes at or below the low-water mark (unless {@link
   * #hold held}); at or above the stop mark it records nothing until below the high-water mark.
   */
  public void observe(int buffered) {
    if (full && buffered < highWater) {
      full = false;
    }
    if (!open) {
      if (buffered >= highWater) {
        open();
        AgentLog.warnOnce(
            "breaker",
            "the queue writer fell behind ("
                + buffered
                + " events buffered): recording about 1 call in "
                + KEEP_ONE_IN
                + " until it catches up; the others are counted as unrecorded");
      }
    } else if (buffered <= lowWater && !held) {
      open = false;
    }
    if (buffered >= stopMark && !never) {
      full = true; // open already: the stop mark is above the high-water mark
    }
  }

  /**
   * Holds the breaker open while {@code hold}, whatever the buffer's fill; once released it closes
   * at the next {@link #observe} at or below the low-water mark. Writer thread only.
   */
  public void hold(boolean hold) {
    if (never) {
      return;
    }
    held = hold;
    // Checked on every call, not only when the hold changes: an observe() that read "not held"
    // just before the hold began may still close the breaker after it; the writer calls this
    // each time round and opens it again.
    if (hold && !open) {
      open();
      AgentLog.warnOnce(
          "breaker-stage",
          "calls come faster than a serving rate while the queue opens: recording about 1 call in "
              + KEEP_ONE_IN
              + " until the start-up stage is appended; the others are counted as unrecorded");
    }
  }

  private void open() {
    open = true;
    AgentHealth.count(AgentHealth.BREAKER_OPENED);
  }
}
