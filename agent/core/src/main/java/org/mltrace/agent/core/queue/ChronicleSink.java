package org.mltrace.agent.core.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.core.shutdown.PriorityHook;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One Chronicle Queue opened for appending; each event is one document of raw bytes.
 *
 * <p>{@link #open} may run on any thread (the writer opens the queue on a helper thread while it
 * goes on encoding); the appender is made by the first {@link #append}, and from then on only that
 * thread may use the sink: Chronicle's appenders belong to the thread that made them.
 */
class ChronicleSink implements AutoCloseable { // not final: a test slows its appends down
  private final ChronicleQueue queue;
  private ExcerptAppender appender;

  ChronicleSink(ChronicleQueue queue) {
    this.queue = queue;
  }

  /** Opens (creating if needed) the queue in {@code dir}. */
  static ChronicleSink open(Path dir) throws Exception {
    registerChronicleShutdownHook();
    Files.createDirectories(dir);
    return new ChronicleSink(SingleChronicleQueueBuilder.single(dir.toFile()).build());
  }

  /**
   * Chronicle registers a JVM shutdown hook the first time one of its resources is created, and
   * fails for good (an ExceptionInInitializerError) when that first time falls inside JVM shutdown,
   * which is exactly when a short-lived application's runs are flushed. Registering one harmless
   * hooklet first moves that failure here: PriorityHook keeps its instance even when the JVM
   * refuses the hook, so later registrations succeed. The agent closes the queue itself at
   * shutdown, so Chronicle's own hook is not needed.
   */
  private static void registerChronicleShutdownHook() {
    try {
      PriorityHook.add(1, () -> {});
    } catch (IllegalStateException shutdownInProgress) {
      // expected when the application ended before the queue was first opened
    }
  }

  /** Appends the first {@code length} bytes of {@code event} as one document. */
  void append(byte[] event, int length) {
    if (appender == null) {
      appender = queue.createAppender();
    }
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(event, 0, length);
    }
  }

  /** The cycle (roll period) the last document went to. */
  int cycle() {
    return appender.cycle();
  }

  /** The file of the current cycle. */
  java.io.File currentFile() {
    return appender.currentFile();
  }

  @Override
  public void close() {
    if (appender != null) {
      appender.close();
    }
    queue.close();
  }
}
