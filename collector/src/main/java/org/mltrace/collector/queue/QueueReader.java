package org.mltrace.collector.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads raw entries from an agent's Chronicle queue, the way the agent writes them: one document
 * per event whose bytes are the encoded event. The only reader of agent queues in the collector:
 * the drainer (ingestion), the snapshot copier (up to what the ingest committed) and the backlog
 * count (read-only) each hold one.
 *
 * <p>Chronicle indexes grow monotonically across roll cycles, so "after index N" is a plain
 * comparison: the reader seeks to N when it still exists and skips everything up to N in any case
 * (N may be in a cycle file that was deleted since).
 *
 * <p>The JVM must have Chronicle's system properties and {@code --add-opens} set; see the CLI.
 */
public final class QueueReader implements AutoCloseable {
  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;
  private long after = -1;

  private QueueReader(ChronicleQueue queue) {
    this.queue = queue;
    this.tailer = queue.createTailer();
  }

  /**
   * Opens the queue in {@code dir} to read it while agents append.
   *
   * @throws QueueException if the directory does not exist or Chronicle cannot open it
   */
  public static QueueReader open(Path dir) {
    return open(dir, false);
  }

  /**
   * Opens the queue in {@code dir} without changing it, when Chronicle can: read-only needs the
   * queue's metadata file, without which Chronicle waits about 20 s for one to appear, so a queue
   * without it (written by hand, or by an agent older than the {@code .cq4t}) is opened as {@link
   * #open} does.
   */
  public static QueueReader openReadOnly(Path dir) {
    return open(dir, hasMetadata(dir));
  }

  private static QueueReader open(Path dir, boolean readOnly) {
    if (!Files.isDirectory(dir)) {
      throw new QueueException("no queue directory at " + dir, null);
    }
    try {
      return new QueueReader(
          SingleChronicleQueueBuilder.single(dir.toFile()).readOnly(readOnly).build());
    } catch (RuntimeException e) {
      throw new QueueException("cannot open the queue at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Makes the next {@link #read} start with the first entry after {@code lastIndex} (-1: all). */
  public void positionAfter(long lastIndex) {
    after = lastIndex;
    if (lastIndex < 0 || !tailer.moveToIndex(lastIndex)) {
      tailer.toStart();
    }
  }

  /** The index of the last entry returned or skipped to; -1 before any. */
  public long position() {
    return after;
  }

  /** Up to {@code max} entries after the last one returned; empty when none is available yet. */
  public List<QueueEntry> read(int max) {
    return read(max, Long.MAX_VALUE);
  }

  /**
   * Up to {@code max} entries after the last one returned and at most {@code upTo}; an entry past
   * {@code upTo} stays unread, for a later call.
   */
  public List<QueueEntry> read(int max, long upTo) {
    List<QueueEntry> entries = new ArrayList<>();
    while (entries.size() < max) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          break;
        }
        long index = dc.index();
        if (index <= after) {
          continue;
        }
        if (index > upTo) {
          dc.rollbackOnClose();
          break;
        }
        Bytes<?> bytes = dc.wire().bytes();
        byte[] data = new byte[(int) bytes.readRemaining()];
        bytes.read(data);
        entries.add(new QueueEntry(index, data));
        after = index;
      }
    }
    return entries;
  }

  /** Counts the entries after the position without reading their bytes, up to the end. */
  public long countRemaining() {
    long count = 0;
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return count;
        }
        if (dc.index() > after) {
          count++;
          after = dc.index();
        }
      }
    }
  }

  private static boolean hasMetadata(Path dir) {
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4t"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
