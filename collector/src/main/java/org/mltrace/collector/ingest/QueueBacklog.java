package org.mltrace.collector.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.queue.QueueReader;

/**
 * How far the collector is behind the agents: for each queue under a directory given to {@code
 * collect --queue}, its size on disk and the entries after the position the database stored for it.
 * Used by {@code doctor} (the lag) and by {@code collect --once} (the total of its progress bar).
 *
 * <p>Queues are opened read-only and never changed. Counting walks the unread entries (Chronicle's
 * own count fails when the stored position's cycle file was deleted by the retention), which reads
 * about a million entries a second: far cheaper than storing them.
 */
public record QueueBacklog(Path queue, long bytes, long unread) {

  /**
   * The queues under {@code dir} ({@link QueueDiscovery}) with their unread entries, given each
   * queue's stored position by queue id (its absolute path; -1: nothing stored yet).
   *
   * @throws QueueException if {@code dir} is not a readable directory or a queue cannot be opened
   */
  public static List<QueueBacklog> of(Path dir, ToLongFunction<String> storedPosition) {
    List<QueueBacklog> backlog = new ArrayList<>();
    for (Path queue : QueueDiscovery.find(dir.toAbsolutePath().normalize())) {
      String id = queue.toAbsolutePath().normalize().toString();
      backlog.add(
          new QueueBacklog(queue, bytes(queue), unread(queue, storedPosition.applyAsLong(id))));
    }
    return backlog;
  }

  /** The sum of {@link #unread} over the list. */
  public static long totalUnread(List<QueueBacklog> backlog) {
    return backlog.stream().mapToLong(QueueBacklog::unread).sum();
  }

  private static long unread(Path queue, long after) {
    try (QueueReader reader = QueueReader.openReadOnly(queue)) {
      reader.positionAfter(after);
      return reader.countRemaining();
    } catch (QueueException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new QueueException("cannot read the queue at " + queue + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files' lengths. Chronicle's cycle files are sparse, so this overstates the disk they use (a
   * new daily cycle file reports about 80 MB): it says which queue is large, not the exact use.
   */
  private static long bytes(Path queue) {
    try (Stream<Path> files = Files.list(queue)) {
      return files.filter(Files::isRegularFile).mapToLong(QueueBacklog::length).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long length(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return 0;
    }
  }
}
