package org.mltrace.collector.testing;

import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;

/** Writes real Chronicle queues the way the agent does: one raw-bytes document per event. */
public final class TestQueues {
  private TestQueues() {}

  public static void write(Path dir, List<? extends Event> events) {
    writeRaw(dir, events.stream().map(EventCodec::encode).toList());
  }

  /** The Chronicle index of every entry in the queue, in order. */
  public static List<Long> indexes(Path dir) {
    List<Long> indexes = new java.util.ArrayList<>();
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build();
        net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer()) {
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            return indexes;
          }
          indexes.add(dc.index());
        }
      }
    }
  }

  public static void writeRaw(Path dir, List<byte[]> entries) {
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build();
        ExcerptAppender appender = queue.createAppender()) {
      for (byte[] bytes : entries) {
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().write(bytes);
        }
      }
    }
  }
}
