package org.mltrace.agent.core.queue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the file system the queue is on has room for one more run event, checked before the
 * append instead of finding out from it; used by the writer thread only.
 *
 * <p>Chronicle writes through memory-mapped files. On a full disk such a write is no {@code
 * IOException} but a page fault the JVM turns into an {@code InternalError} later, tens of
 * milliseconds per failing append, with the document left half written: measured on a 1 MiB tmpfs,
 * 400 calls of a traced method kept the writer busy past the 10 s the agent waits at exit, and a
 * third of the runs were neither written nor counted. So run events stop, counted as {@code
 * dropped_disk_full}, while fewer than {@link #MIN_FREE_BYTES} would be left; that reserve also
 * leaves room for the agent-stats events that carry the counts to the collector.
 *
 * <p>Asking the file system costs a {@code statvfs}, so it is asked at most once a second, or
 * sooner once the events appended since the last answer could have used half of what was above the
 * reserve. Another process can still fill the disk between two answers; the append's own failure is
 * then the backstop, as before.
 */
final class QueueFreeSpace {
  static final long MIN_FREE_BYTES = 4L << 20;
  static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LongSupplier usableBytes;
  private final LongSupplier nanoClock;
  private boolean asked;
  private long askedAt;
  private long free;
  private long spentSinceAsked;

  QueueFreeSpace(LongSupplier usableBytes, LongSupplier nanoClock) {
    this.usableBytes = usableBytes;
    this.nanoClock = nanoClock;
  }

  /** For the queue in {@code dir}; never low when its file system cannot be asked. */
  static QueueFreeSpace of(Path dir) {
    FileStore store;
    try {
      store = Files.getFileStore(dir);
    } catch (IOException | RuntimeException e) {
      return new QueueFreeSpace(() -> Long.MAX_VALUE, System::nanoTime);
    }
    return new QueueFreeSpace(
        () -> {
          try {
            return store.getUsableSpace();
          } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
          }
        },
        System::nanoTime);
  }

  /**
   * True when appending {@code length} more bytes would leave less than {@link #MIN_FREE_BYTES};
   * otherwise the bytes are taken as spent.
   */
  boolean low(long length) {
    long bytes = length + QueueDiskUse.DOCUMENT_HEADER_BYTES;
    long now = nanoClock.getAsLong();
    boolean wasLow = asked && free - spentSinceAsked < MIN_FREE_BYTES;
    boolean mayHaveUsedHalf =
        asked && !wasLow && spentSinceAsked + bytes > (free - MIN_FREE_BYTES) / 2;
    if (!asked || now - askedAt >= RECHECK_NANOS || mayHaveUsedHalf) {
      free = usableBytes.getAsLong();
      askedAt = now;
      spentSinceAsked = 0;
      asked = true;
    }
    if (free - spentSinceAsked - bytes < MIN_FREE_BYTES) {
      return true;
    }
    spentSinceAsked += bytes;
    return false;
  }

  /** The free bytes at the last answer, for messages. */
  long lastFree() {
    return free;
  }
}
