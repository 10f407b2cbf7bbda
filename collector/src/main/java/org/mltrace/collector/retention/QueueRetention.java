package org.mltrace.collector.retention;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.internal.util.InternalFileUtil;
import net.openhft.chronicle.queue.util.FileUtil;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the cycle files of an agent's queue once the collector has stored everything in them, so
 * an agent's disk use stays bounded (issue 4, "Retention").
 *
 * <h2>Rules</h2>
 *
 * A cycle file (one roll cycle of Chronicle Queue, a day by default) is deleted when all of these
 * hold:
 *
 * <ul>
 *   <li>every entry in it is stored: the committed position (ingest_positions) is in a later cycle,
 *       or is the cycle's last entry;
 *   <li>it is not the queue's newest cycle file, the one the agent appends to (an agent appends
 *       only to the newest cycle, so older ones never change again);
 *   <li>the cycle ended at least {@code keep} ago (0: as soon as it is stored).
 * </ul>
 *
 * <p>A whole queue is finished when, in addition, its agent exited: the directory is named {@code
 * HOST-PID-AGENTID} with this host's name and no process with that pid is alive, and (where
 * Chronicle can tell, on Linux) no other process holds any of its files open. Its newest cycle must
 * be stored to its last entry, and its files last written {@code keep} ago (the agent is gone, so
 * that is its last append; with 0 the queue goes as soon as it is drained). The caller closes its
 * reader and calls {@link #removeQueue}. Queues named otherwise, or written on another host, lose
 * only their old cycles: whether their writer still runs cannot be told.
 *
 * <p>Cycles are listed and named with Chronicle's own roll-cycle arithmetic (read from the queue's
 * metadata, so a queue written with another roll cycle is handled alike), and the queue's directory
 * listing is refreshed after a deletion so readers in this and other processes see the new first
 * cycle.
 */
public final class QueueRetention {
  private static final Logger log = LoggerFactory.getLogger(QueueRetention.class);
  private static final String SUFFIX = ".cq4";

  /** The default of {@code collect --queue-retention}. */
  public static final Duration DEFAULT_KEEP = Duration.ofDays(1);

  private final Duration keep;
  private final Clock clock;
  private final boolean enabled;
  private long totalCyclesDeleted;
  private long totalBytesFreed;
  private long totalQueuesRemoved;

  private QueueRetention(Duration keep, Clock clock, boolean enabled) {
    this.keep = keep;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Deletes stored cycles that ended at least {@code keep} ago, as told by {@code clock}. */
  public static QueueRetention keeping(Duration keep, Clock clock) {
    if (keep.isNegative()) {
      throw new IllegalArgumentException("a retention cannot be negative: " + keep);
    }
    return new QueueRetention(keep, clock, true);
  }

  /** Deletes nothing. */
  public static QueueRetention disabled() {
    return new QueueRetention(Duration.ZERO, Clock.systemUTC(), false);
  }

  /** What every sweep so far deleted, for the {@code collect} summary. */
  public String summary() {
    return "deleted "
        + totalCyclesDeleted
        + " drained queue file(s) ("
        + totalBytesFreed / 1024
        + " KiB) and "
        + totalQueuesRemoved
        + " finished queue(s) of exited agents";
  }

  /** True when some sweep deleted something. */
  public boolean deletedAnything() {
    return totalCyclesDeleted + totalQueuesRemoved > 0;
  }

  /**
   * Deletes the cycles of the queue in {@code dir} that the rules allow.
   *
   * @param storedIndex the Chronicle index of the last stored entry, -1 when none is
   * @return what was deleted, and whether the whole queue is finished
   */
  public SweepResult sweep(Path dir, long storedIndex) {
    if (!enabled || !Files.isDirectory(dir)) {
      return SweepResult.NONE;
    }
    long cutoff = clock.millis() - keep.toMillis();
    try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build()) {
      List<Cycle> cycles = cycles(queue, dir);
      if (cycles.isEmpty()) {
        return new SweepResult(0, 0, agentExited(dir) && newestChange(dir) <= cutoff);
      }
      Cycle newest = cycles.get(cycles.size() - 1);
      int deleted = 0;
      long freed = 0;
      for (Cycle c : cycles) {
        if (c == newest || cycleEnd(queue, c.number) > cutoff) {
          continue;
        }
        if (!storedThrough(queue, c.number, storedIndex)) {
          break; // later cycles hold unstored entries too
        }
        long size = c.file.length();
        if (c.file.delete()) {
          deleted++;
          freed += size;
        } else if (c.file.exists()) {
          log.warn("cannot delete the drained queue file {}; will retry", c.file);
        }
      }
      if (deleted > 0) {
        totalCyclesDeleted += deleted;
        totalBytesFreed += freed;
        queue.refreshDirectoryListing();
        log.info(
            "deleted {} drained cycle file(s) ({} bytes) of the queue {}", deleted, freed, dir);
      }
      // The newest cycle file, not the metadata file: readers (this collector) write to that.
      boolean finished =
          newest.file.lastModified() <= cutoff
              && storedThrough(queue, newest.number, storedIndex)
              && agentExited(dir);
      return new SweepResult(deleted, freed, finished);
    }
  }

  /**
   * Deletes a finished queue's directory; the caller has closed every reader of it.
   *
   * @return false, logging why, when something could not be deleted (the next sweep retries)
   */
  public boolean removeQueue(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      totalQueuesRemoved++;
      log.info("removed the queue {}: its agent exited and every entry is stored", dir);
      return true;
    } catch (IOException e) {
      log.warn("cannot remove the finished queue {}: {}", dir, e.toString());
      return false;
    }
  }

  private record Cycle(int number, File file) {}

  /** The queue's cycle files, oldest first, numbered by Chronicle's own file-name parser. */
  private static List<Cycle> cycles(SingleChronicleQueue queue, Path dir) {
    RollingResourcesCache names =
        new RollingResourcesCache(
            queue.rollCycle(),
            queue.epoch(),
            name -> new File(dir.toFile(), name + SUFFIX),
            file -> file.getName().substring(0, file.getName().length() - SUFFIX.length()));
    List<Cycle> cycles = new ArrayList<>();
    File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(SUFFIX));
    for (File f : files == null ? new File[0] : files) {
      try {
        cycles.add(
            new Cycle(
                names.parseCount(f.getName().substring(0, f.getName().length() - SUFFIX.length())),
                f));
      } catch (RuntimeException notACycleFile) {
        log.debug("ignoring {} in the queue {}", f, dir, notACycleFile);
      }
    }
    cycles.sort(Comparator.comparingInt(Cycle::number));
    return cycles;
  }

  /** The end of cycle {@code c} in epoch milliseconds. */
  private static long cycleEnd(SingleChronicleQueue queue, int c) {
    long length = queue.rollCycle().lengthInMillis();
    return queue.epoch() + (c + 1L) * length;
  }

  /** True when every entry of cycle {@code c} is at or before {@code storedIndex}. */
  private static boolean storedThrough(SingleChronicleQueue queue, int c, long storedIndex) {
    if (storedIndex < 0) {
      return !hasEntries(queue, c);
    }
    int storedCycle = queue.rollCycle().toCycle(storedIndex);
    if (c < storedCycle) {
      return true;
    }
    if (c > storedCycle) {
      return !hasEntries(queue, c);
    }
    try (ExcerptTailer tailer = queue.createTailer()) {
      if (!tailer.moveToIndex(storedIndex)) {
        return false;
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent() || dc.index() != storedIndex) {
          return false;
        }
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        return !dc.isPresent() || queue.rollCycle().toCycle(dc.index()) != c;
      }
    }
  }

  private static boolean hasEntries(SingleChronicleQueue queue, int c) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      if (!tailer.moveToIndex(queue.rollCycle().toIndex(c, 0))) {
        return false;
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        return dc.isPresent() && queue.rollCycle().toCycle(dc.index()) == c;
      }
    }
  }

  /**
   * True only when the agent that wrote the queue certainly exited: see the class comment. Any
   * doubt (another host, an unexpected name, the pid alive, a file held open) says no.
   */
  static boolean agentExited(Path dir) {
    OptionalLong pid = AgentQueueName.localPid(dir.getFileName().toString());
    if (pid.isEmpty()
        || ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    return !openedByAnotherProcess(dir);
  }

  private static boolean openedByAnotherProcess(Path dir) {
    if (!InternalFileUtil.getAllOpenFilesIsSupportedOnOS()) {
      return false; // not on this OS: the pid check is all there is
    }
    Map<String, String> open;
    try {
      open = FileUtil.getAllOpenFiles();
    } catch (IOException e) {
      return true; // cannot tell: keep the queue
    }
    String self = Long.toString(ProcessHandle.current().pid());
    String prefix;
    try {
      prefix = dir.toRealPath() + File.separator;
    } catch (IOException e) {
      return true;
    }
    return open.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith(prefix) && !self.equals(e.getValue()));
  }

  private static long newestChange(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(QueueRetention::modified).max().orElse(Long.MAX_VALUE);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
