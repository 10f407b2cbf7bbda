package org.mltrace.agent.core.capture;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides, on the calling thread, whether one call of a component is recorded, and counts the calls
 * that are not, so that the component's totals stay exact.
 *
 * <p>Cheap on purpose, since it runs on every call of a method that may be called millions of times
 * a second: no lock; a fraction is one {@link ThreadLocalRandom} draw; a rate reads the monotonic
 * clock and, until the second's budget is spent, increments one shared counter (after that only
 * reads it); the unrecorded count is a {@link LongAdder} (striped, so threads do not contend). The
 * rate's window is a second of {@link System#nanoTime()}; two threads crossing into a new second
 * together may admit a call or two more than the budget.
 *
 * <p>The writer thread (alone) carries the unrecorded count into events: {@link
 * #pendingUnrecorded()} is what no event has carried yet, {@link #markCarried} is called once an
 * event carrying it has been appended. The adder only grows, so each call is carried exactly once
 * even while application threads keep counting.
 */
public final class ComponentSampler {
  private final String component;
  private final boolean everyCall;
  private final long threshold;
  private final long maxPerSecond;
  private final Skip skip;
  private final LongAdder unrecorded = new LongAdder();
  private final AtomicLong inWindow = new AtomicLong();
  private volatile long windowSecond = Long.MIN_VALUE;
  private long carried; // writer thread only

  /** The token of a call that is not recorded but, like a recorded one, claims its component. */
  record Skip(String component) {}

  ComponentSampler(String component, SampleSpec spec) {
    this.component = component;
    this.everyCall = spec == null || (spec.fraction() >= 1 && spec.maxPerSecond() <= 0);
    this.threshold = spec == null ? Long.MAX_VALUE : (long) (spec.fraction() * Long.MAX_VALUE);
    this.maxPerSecond = spec == null ? 0 : spec.maxPerSecond();
    this.skip = new Skip(component);
  }

  /** Records every call (the circuit breaker aside). */
  public static ComponentSampler everyCall(String component) {
    return new ComponentSampler(component, null);
  }

  public String component() {
    return component;
  }

  /** Whether this call is recorded; when not, the caller counts it with {@link #skipped()}. */
  boolean admits(CircuitBreaker breaker) {
    if (breaker.isOpen()
        && (breaker.isFull()
            || ThreadLocalRandom.current().nextInt(CircuitBreaker.KEEP_ONE_IN) != 0)) {
      return false;
    }
    if (everyCall) {
      return true;
    }
    if (maxPerSecond > 0) {
      return withinRate();
    }
    return (ThreadLocalRandom.current().nextLong() >>> 1) < threshold;
  }

  private boolean withinRate() {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != windowSecond) {
      windowSecond = second;
      inWindow.set(0);
    }
    // Read before incrementing: once the budget is spent, calls only read the shared counter.
    return inWindow.get() < maxPerSecond && inWindow.incrementAndGet() <= maxPerSecond;
  }

  /** Counts one call that {@link #admits} turned away, and returns its token. */
  Skip skipped() {
    unrecorded.increment();
    return skip;
  }

  /** Unrecorded calls since the start (by any thread). */
  public long unrecordedTotal() {
    return unrecorded.sum();
  }

  /** Unrecorded calls no appended event has carried yet. Writer thread only. */
  public long pendingUnrecorded() {
    return unrecorded.sum() - carried;
  }

  /** An event carrying {@code count} of the pending calls was appended. Writer thread only. */
  public void markCarried(long count) {
    carried += count;
  }
}
