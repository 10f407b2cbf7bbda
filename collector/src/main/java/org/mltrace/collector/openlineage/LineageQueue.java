package org.mltrace.collector.openlineage;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The Chronicle queue this collector appends accepted OpenLineage runs to: {@code
 * QUEUE/HOST-PID-RANDOM/}, named and written like an agent's (one document of encoded event bytes
 * each), so the drain, its exactly-once position and the queue retention treat it like one.
 *
 * <p>An appended document is in the queue's memory-mapped file when {@link #append} returns, so a
 * collector killed by a signal afterwards loses nothing (the kernel writes the page); a power cut
 * in the next seconds can, as for the agents. Opened on first use, so a listener that receives
 * nothing leaves no queue; must be used from one thread.
 */
final class LineageQueue implements AutoCloseable {
  private final Path dir;
  private ChronicleQueue queue;
  private ExcerptAppender appender;

  LineageQueue(Path queueRoot) {
    this.dir =
        queueRoot.resolve(localHost() + "-" + ProcessHandle.current().pid() + "-" + random12());
  }

  void append(byte[] event) {
    if (appender == null) {
      try {
        Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create the queue " + dir, e);
      }
      queue = SingleChronicleQueueBuilder.single(dir.toFile()).build();
      appender = queue.createAppender();
    }
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(event);
    }
  }

  @Override
  public void close() {
    if (appender != null) {
      appender.close();
      queue.close();
    }
  }

  private static String random12() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** As the agent's {@code AgentIdentity} writes it, so queue retention recognises the pid. */
  private static String localHost() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown";
    }
    return host.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
