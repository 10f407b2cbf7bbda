package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OpenLineage runs that started but have not ended, one file per run in {@code
 * QUEUE/openlineage-runs/}: {@code RUNID.open} holds the run's events so far, one JSON object a
 * line; {@code RUNID.closed} says the run ended and was appended to the queue, so that a repeated
 * event changes nothing.
 *
 * <p>Each write replaces the whole file (written beside it, forced to disk, then renamed), so a
 * collector killed at any point leaves either the old or the new file, never half of one. Closed
 * markers older than {@link #CLOSED_KEPT} are deleted at start: an event repeated after that long
 * is stored again only if it is a {@code START} (it opens a run nobody ends; the run id of an
 * ending event repeated is still refused by the store).
 */
final class OpenRunJournal {
  static final Duration CLOSED_KEPT = Duration.ofDays(30);
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final Path dir;

  private OpenRunJournal(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) the journal in {@code dir} and deletes old closed markers. */
  static OpenRunJournal open(Path dir, Instant now) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.endsWith(".tmp")
              || (name.endsWith(".closed")
                  && Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(CLOSED_KEPT)))) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the OpenLineage run journal " + dir, e);
    }
    return new OpenRunJournal(dir);
  }

  /** True when the run ended and was queued. */
  boolean isClosed(String runId) {
    return Files.exists(file(runId, ".closed"));
  }

  /** The events kept for an open run, oldest first; empty when none. */
  List<ObjectNode> events(String runId) {
    Path open = file(runId, ".open");
    if (!Files.exists(open)) {
      return List.of();
    }
    List<ObjectNode> events = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(open, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          events.add((ObjectNode) LineageEventParser.MAPPER.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the open run " + open, e);
    }
    return events;
  }

  /** Replaces the open run's events with {@code events}. */
  void keep(String runId, List<ObjectNode> events) {
    StringBuilder text = new StringBuilder();
    for (ObjectNode e : events) {
      text.append(e.toString()).append('\n');
    }
    write(file(runId, ".open"), text.toString());
  }

  /** Marks the run ended (by {@code type}) and forgets its events. */
  void close(String runId, EventType type, Instant at) {
    Path closed = file(runId, ".closed");
    write(closed, runId + " " + type + " " + at + "\n");
    try {
      Files.deleteIfExists(file(runId, ".open"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the open run of " + runId, e);
    }
  }

  /** How many runs are open now. */
  long openCount() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".open")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private Path file(String runId, String suffix) {
    return dir.resolve(key(runId) + suffix);
  }

  /** The run id itself when it is safe as a file name (a UUID is), else its SHA-256. */
  static String key(String runId) {
    if (SAFE_ID.matcher(runId).matches() && !runId.startsWith(".")) {
      return runId;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return "sha256-"
          + HexFormat.of().formatHex(sha.digest(runId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void write(Path target, String text) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + tmp + " to " + target, e);
    }
  }
}
