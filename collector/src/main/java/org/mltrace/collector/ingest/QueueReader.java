package org.mltrace.collector.ingest;

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
 * per event whose bytes are the encoded event.
 *
 * <p>Chronicle indexes grow monotonically across roll cycles, so "after index N" is a plain
 * comparison: the reader seeks to N when it still exists and skips everything up to N in any case
 * (N may be in a cycle file that was deleted since).
 *
 * <p>The JVM must have Chronicle's system properties and {@code --add-opens} set; see the CLI.
 */
final class QueueReader implements AutoCloseable {
  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;
  private long after = -1;

  private QueueReader(ChronicleQueue queue) {
    this.queue = queue;
    this.tailer = queue.createTailer();
  }

  /**
   * Opens the queue in {@code dir}.
   *
   * @throws QueueException if the directory does not exist or Chronicle cannot open it
   */
  static QueueReader open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new QueueException("no queue directory at " + dir, null);
    }
    try {
      return new QueueReader(SingleChronicleQueueBuilder.single(dir.toFile()).build());
    } catch (RuntimeException e) {
      throw new QueueException("cannot open the queue at " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Makes the next {@link #read} start with the first entry after {@code lastIndex} (-1: all). */
  void positionAfter(long lastIndex) {
    after = lastIndex;
    if (lastIndex < 0 || !tailer.moveToIndex(lastIndex)) {
      tailer.toStart();
    }
  }

  /** Up to {@code max} entries after the last one returned; empty when none is available yet. */
  List<QueueEntry> read(int max) {
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
        Bytes<?> bytes = dc.wire().bytes();
        byte[] data = new byte[(int) bytes.readRemaining()];
        bytes.read(data);
        entries.add(new QueueEntry(index, data));
        after = index;
      }
    }
    return entries;
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
