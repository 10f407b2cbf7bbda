package org.mltrace.collector.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mltrace.collector.ingest.QueueBacklog;
import org.mltrace.collector.queue.QueueException;

/**
 * Findings about one queue directory (the {@code queue=} the agents were given): there, readable,
 * holding agent queues, and how many of their entries the database has not stored yet.
 */
final class QueueChecks {
  private QueueChecks() {}

  /**
   * @param positions the stored read position of each agent queue, by absolute path; null when the
   *     database could not be read, so the lag is unknown
   */
  static void check(Path dir, Map<String, Long> positions, Consumer<Finding> out) {
    Path abs = dir.toAbsolutePath().normalize();
    String subject = abs.toString();
    if (!Files.exists(abs)) {
      out.accept(
          Finding.problem(
              "queue",
              subject,
              "no such directory",
              "give the directory of the agents' queue= (or the YAML's queue:); it appears when the"
                  + " first application starts with -javaagent"));
      return;
    }
    if (!Files.isDirectory(abs) || !Files.isReadable(abs) || !Files.isExecutable(abs)) {
      out.accept(
          Finding.problem(
              "queue",
              subject,
              Files.isDirectory(abs) ? "not readable by this user" : "not a directory",
              Files.isDirectory(abs)
                  ? "run mltrace as the user the agents write as, or give that user's group read"
                      + " access (chmod -R g+rX)"
                  : "give the directory of the agents' queue=, not a file in it"));
      return;
    }
    List<QueueBacklog> backlog;
    try {
      backlog =
          QueueBacklog.of(abs, id -> positions == null ? -1 : positions.getOrDefault(id, -1L));
    } catch (QueueException e) {
      out.accept(
          Finding.problem(
              "queue",
              subject,
              e.getMessage(),
              "move the damaged agent queue aside (its entries cannot be read) and collect the"
                  + " others; check the disk it is on"));
      return;
    }
    if (backlog.isEmpty()) {
      out.accept(
          Finding.warning(
              "queue",
              subject,
              "no agent has written a queue here yet",
              "start the application with -javaagent:...=queue="
                  + subject
                  + " (see mltrace init)"));
      return;
    }
    long bytes = backlog.stream().mapToLong(QueueBacklog::bytes).sum();
    String size = backlog.size() + " agent queue(s), " + Sizes.human(bytes) + " of cycle files";
    if (positions == null) {
      out.accept(
          Finding.warning(
              "queue",
              subject,
              size + "; lag unknown (the database cannot be read)",
              "fix the database first"));
      return;
    }
    long unread = QueueBacklog.totalUnread(backlog);
    if (unread == 0) {
      out.accept(Finding.ok("queue", subject, size + ", everything collected"));
      return;
    }
    out.accept(
        Finding.warning(
            "queue",
            subject,
            size + ", " + unread + " entries not collected yet",
            "run 'mltrace collect --queue "
                + subject
                + " --once', or keep 'mltrace collect --queue "
                + subject
                + "' running"));
  }
}
