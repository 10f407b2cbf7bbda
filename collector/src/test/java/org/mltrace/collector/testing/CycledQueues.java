package org.mltrace.collector.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;

/**
 * Real Chronicle queues that roll every second (Chronicle's own {@code TEST_SECONDLY} cycle),
 * written at set times, so a test has several cycle files without waiting. Readers opening the
 * queue take the roll cycle from its metadata, as they do for an agent's daily queue.
 */
public final class CycledQueues {
  /** 2026-01-01T00:00:00Z: cycle {@code n} of a queue written here spans second n after it. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private CycledQueues() {}

  /** Appends the events at {@code T0 + second} seconds (so into that second's cycle file). */
  public static void append(Path dir, int second, List<? extends Event> events) {
    SetTimeProvider time = new SetTimeProvider(T0.plusSeconds(second));
    try (SingleChronicleQueue queue =
            SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(TestRollCycles.TEST_SECONDLY)
                .timeProvider(time)
                .build();
        ExcerptAppender appender = queue.createAppender()) {
      for (Event e : events) {
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().write(EventCodec.encode(e));
        }
      }
    }
  }

  /** The queue's cycle files ({@code *.cq4}), sorted by name (which is by time). */
  public static List<String> cycleFiles(Path dir) {
    try (var files = java.nio.file.Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".cq4"))
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
