package org.mltrace.collector.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a queue's entries into the store, exactly once.
 *
 * <h2>Design</h2>
 *
 * <p>The queue is the agent's; the collector never deletes or marks entries. Instead it keeps its
 * own read position, the Chronicle index of the last entry it stored, in {@code ingest_positions}
 * under the queue directory's absolute path. Each batch's rows and that position are written in one
 * database transaction, so after a crash or a kill the drain resumes right after the last committed
 * batch: an entry is stored once, never zero or two times.
 *
 * <p>Failures are sorted by who can fix them:
 *
 * <ul>
 *   <li>An entry that does not decode (unknown format version, truncation, garbage) is a dead
 *       letter: stored with its reason and index in {@code dead_letters}, in the same transaction,
 *       and the drain goes on.
 *   <li>A batch the database refuses (a constraint, a value it cannot hold) is retried entry by
 *       entry; the one entry that still fails becomes a dead letter too, so one odd event cannot
 *       block the queue forever.
 *   <li>A lost connection is not the entries' fault: with {@code --once} the drain stops with an
 *       error (nothing of the failed batch was committed); when following, it waits, reconnects and
 *       goes on from the last committed position.
 * </ul>
 *
 * <p>Stopping (SIGTERM) is cooperative: the stop flag is checked between batches, so the batch in
 * hand is committed before the drain returns.
 */
public final class QueueDrainer {
  private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final IngestStore store;
  private final BatchWriter writer;
  private final Path queueDir;
  private final String queueId;
  private final int batchSize;
  private final Duration pollInterval;

  /**
   * @param queueDir the agent's queue directory; its absolute path keys the stored position
   * @param batchSize entries per transaction
   * @param pollInterval how long {@link #follow} sleeps when the queue has nothing new
   */
  public QueueDrainer(
      IngestStore store, Path queueDir, int batchSize, Duration pollInterval, Clock clock) {
    this.store = store;
    this.writer = new BatchWriter(store, clock);
    this.queueDir = queueDir.toAbsolutePath().normalize();
    this.queueId = this.queueDir.toString();
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
  }

  /** The key of this queue's position: its absolute, normalized directory path. */
  public String queueId() {
    return queueId;
  }

  /**
   * Stores every entry after the stored position, then returns.
   *
   * @throws QueueException if the queue is missing or unreadable
   * @throws StoreException if the database fails; batches committed before stay committed
   */
  public DrainResult drainAvailable() {
    try (QueueReader reader = QueueReader.open(queueDir)) {
      reader.positionAfter(store.lastIndex(queueId).orElse(-1));
      DrainResult total = DrainResult.NONE;
      for (List<QueueEntry> entries = reader.read(batchSize);
          !entries.isEmpty();
          entries = reader.read(batchSize)) {
        total = total.plus(writeSafely(IngestBatch.decode(queueId, entries)));
      }
      return total;
    }
  }

  /**
   * Stores entries as they arrive until {@code stopRequested} turns true, then returns after
   * committing the batch in hand. Waits for the queue directory to appear, and rides out database
   * outages by retrying from the last committed position.
   */
  public DrainResult follow(BooleanSupplier stopRequested) {
    DrainResult total = DrainResult.NONE;
    if (!awaitDirectory(stopRequested)) {
      return total;
    }
    Duration backoff = pollInterval;
    try (QueueReader reader = QueueReader.open(queueDir)) {
      boolean positioned = false;
      while (!stopRequested.getAsBoolean()) {
        try {
          if (!positioned) {
            reader.positionAfter(store.lastIndex(queueId).orElse(-1));
            positioned = true;
          }
          List<QueueEntry> entries = reader.read(batchSize);
          if (entries.isEmpty()) {
            sleep(pollInterval, stopRequested);
            continue;
          }
          total = total.plus(writeSafely(IngestBatch.decode(queueId, entries)));
          backoff = pollInterval;
        } catch (StoreException e) {
          log.warn(
              "storing from {} failed, retrying in {} s: {}",
              queueId,
              backoff.toSeconds(),
              e.getMessage());
          positioned = false; // re-read the committed position: the failed batch was rolled back
          sleep(backoff, stopRequested);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    }
    return total;
  }

  private DrainResult writeSafely(IngestBatch batch) {
    try {
      return writer.write(batch);
    } catch (StoreException e) {
      if (e.isConnectionFailure()) {
        throw e;
      }
      if (batch.size() > 1) {
        log.warn(
            "a batch of {} entries from {} failed, retrying one by one: {}",
            batch.size(),
            queueId,
            e.getMessage());
        DrainResult total = DrainResult.NONE;
        for (IngestBatch single : batch.split()) {
          total = total.plus(writeSafely(single));
        }
        return total;
      }
      DecodedEntry entry = batch.entries().get(0);
      log.warn(
          "queue {} index {} could not be stored, dead-lettering it: {}",
          queueId,
          entry.index(),
          e.getMessage());
      byte[] payload =
          entry instanceof DecodedEntry.Valid v
              ? EventCodec.encode(v.event())
              : ((DecodedEntry.Malformed) entry).payload();
      return writer.writeAsDeadLetter(batch, "could not store: " + e.getMessage(), payload);
    }
  }

  private boolean awaitDirectory(BooleanSupplier stopRequested) {
    boolean told = false;
    while (!Files.isDirectory(queueDir)) {
      if (!told) {
        log.warn("waiting for the queue directory {} to appear", queueDir);
        told = true;
      }
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      sleep(pollInterval, stopRequested);
    }
    return true;
  }

  private static void sleep(Duration d, BooleanSupplier stopRequested) {
    long until = System.nanoTime() + d.toNanos();
    try {
      while (!stopRequested.getAsBoolean() && System.nanoTime() < until) {
        Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
