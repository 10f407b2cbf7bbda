package org.mltrace.collector.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mltrace.collector.queue.QueueException;

/**
 * Finds the Chronicle queues in the directory given to {@code collect --queue}: the directory
 * itself when it is a queue (an agent older than per-process queues, or a queue written by hand),
 * and each immediate subdirectory that is one (each agent start writes {@code
 * DIR/HOST-PID-AGENTID/}).
 *
 * <p>A directory is a queue once Chronicle has written a file in it ({@code *.cq4} cycle files or
 * the {@code *.cq4t} metadata): an agent's directory that exists but is still empty is picked up by
 * a later scan, and the collector never creates queue files in a directory it merely looked at.
 */
final class QueueDiscovery {
  private QueueDiscovery() {}

  /**
   * The queues under {@code dir}, sorted by path; empty when there is none yet.
   *
   * @throws QueueException if {@code dir} is not a readable directory
   */
  static List<Path> find(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new QueueException("no queue directory at " + dir, null);
    }
    List<Path> queues = new ArrayList<>();
    if (isQueue(dir)) {
      queues.add(dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      children
          .filter(Files::isDirectory)
          .filter(QueueDiscovery::isQueue)
          .sorted()
          .forEach(queues::add);
    } catch (IOException e) {
      throw new QueueException("cannot list the queue directory " + dir + ": " + e, e);
    }
    return queues;
  }

  static boolean isQueue(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(
          f -> {
            String name = f.getFileName().toString();
            return (name.endsWith(".cq4") || name.endsWith(".cq4t")) && Files.isRegularFile(f);
          });
    } catch (IOException e) {
      return false; // vanished or unreadable: the next scan tries again
    }
  }
}
