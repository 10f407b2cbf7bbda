package org.mltrace.collector.retention;

/**
 * What one {@link QueueRetention#sweep} did to one queue.
 *
 * @param cyclesDeleted cycle files deleted
 * @param bytesFreed their total size
 * @param finished true when the queue's agent has exited and everything in it is stored and older
 *     than the retention: the caller closes its reader and calls {@link QueueRetention#removeQueue}
 */
public record SweepResult(int cyclesDeleted, long bytesFreed, boolean finished) {
  public static final SweepResult NONE = new SweepResult(0, 0, false);
}
