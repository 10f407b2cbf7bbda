package org.mltrace.collector.store;

import org.mltrace.agent.event.TaskEvent;

/**
 * A stored task: its declaration and the size of its buckets.
 *
 * @param bucketSize for a duration window, the microseconds of prediction time one bucket spans (a
 *     64th of the window, at least a second); for a last-N window, the joined pairs (by order
 *     number) one bucket holds (a 64th of N, at least 1)
 */
public record TaskDefinition(TaskEvent event, long bucketSize) {
  /** Buckets per window: the window's edge bucket is read pair by pair, the others as sums. */
  public static final int BUCKETS_PER_WINDOW = 64;

  public static TaskDefinition of(TaskEvent event) {
    long size =
        event.windowLast() > 0
            ? Math.max(1, (event.windowLast() + BUCKETS_PER_WINDOW - 1) / BUCKETS_PER_WINDOW)
            : Math.max(1_000_000L, event.windowSeconds() * 1_000_000L / BUCKETS_PER_WINDOW);
    return new TaskDefinition(event, size);
  }

  public String name() {
    return event.name();
  }

  public String kind() {
    return event.kind();
  }

  /** Whether the window is the last N joined pairs rather than a duration. */
  public boolean lastN() {
    return event.windowLast() > 0;
  }

  /** The window as written in the YAML: {@code 7d} or {@code last 500}. */
  public String windowText() {
    if (lastN()) {
      return "last " + event.windowLast();
    }
    long s = event.windowSeconds();
    return s % 86_400 == 0
        ? s / 86_400 + "d"
        : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** The bucket a joined pair counts in: by prediction time, or by order number for last N. */
  public long bucketOf(long predictedAtMicros, long seq) {
    return Math.floorDiv(lastN() ? seq : predictedAtMicros, bucketSize);
  }
}
