package org.mltrace.collector.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every queue under one directory until stopped: {@code collect} without {@code --once}.
 *
 * <p>The directory is scanned for queues ({@link QueueDiscovery}) at start and every {@link
 * #RESCAN_INTERVAL}, so the queue of an agent that starts later is picked up while following. Each
 * queue has its own {@link QueueDrainer} and position; they take turns one batch at a time, so a
 * busy queue cannot starve the others.
 *
 * <p>A database outage (server down, network cut) is logged once, as one warning, when it starts;
 * the follower then retries with a back-off doubling from the poll interval up to {@link
 * #MAX_BACKOFF}, each retry starting again from the committed positions, and logs at info level
 * when the database answers again. The agents are unaffected: they only append to local disk.
 *
 * <p>Stopping (SIGTERM) is cooperative: the stop flag is checked between batches, so the batch in
 * hand is committed before {@link #follow} returns.
 */
public final class QueueFollower {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration RESCAN_INTERVAL = Duration.ofSeconds(1);

  /** How often drained cycle files are looked for; see {@link QueueRetention}. */
  static final Duration RETENTION_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(QueueFollower.class);

  private final IngestStore store;
  private final Path root;
  private final int batchSize;
  private final Duration pollInterval;
  private final Clock clock;
  private final QueueAftercare aftercare;
  private final Map<Path, QueueDrainer> drainers = new LinkedHashMap<>();
  private final Set<Path> broken = new HashSet<>();

  /**
   * @param root the directory given to {@code collect --queue}
   * @param pollInterval how long to sleep when no queue has anything new
   * @param aftercare takes artifact snapshots after each batch and applies the queue retention
   *     every {@link #RETENTION_INTERVAL}
   * @param alerts receives the task SLA alerts once their batch commits
   */
  QueueFollower(
      IngestStore store,
      Path root,
      int batchSize,
      Duration pollInterval,
      Clock clock,
      QueueAftercare aftercare,
      Consumer<List<AlertEvent>> alerts) {
    this.aftercare = aftercare;
    this.alerts = alerts;
    this.store = store;
    this.root = root.toAbsolutePath().normalize();
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /**
   * Stores entries as they arrive in any queue under the directory until {@code stopRequested}
   * turns true. Waits for the directory to appear.
   */
  private final Consumer<List<AlertEvent>> alerts;

  public DrainResult follow(BooleanSupplier stopRequested) {
    DrainResult total = DrainResult.NONE;
    if (!awaitDirectory(stopRequested)) {
      return total;
    }
    Duration backoff = pollInterval;
    long outageStartedNanos = -1;
    long nextScan = System.nanoTime();
    long nextSweep = System.nanoTime() + RETENTION_INTERVAL.toNanos();
    try {
      while (!stopRequested.getAsBoolean()) {
        if (System.nanoTime() - nextScan >= 0) {
          scan();
          nextScan = System.nanoTime() + RESCAN_INTERVAL.toNanos();
        }
        boolean progressed = false;
        try {
          for (Map.Entry<Path, QueueDrainer> e : Map.copyOf(drainers).entrySet()) {
            if (stopRequested.getAsBoolean()) {
              break;
            }
            DrainResult r = drainOne(e.getKey(), e.getValue());
            if (r != null) {
              aftercare.afterBatch(e.getKey(), e.getValue().queueId());
              total = total.plus(r);
              progressed = true;
            }
          }
          if (outageStartedNanos >= 0) {
            log.info(
                "the database answers again after {} s; resuming from the committed positions",
                (System.nanoTime() - outageStartedNanos) / 1_000_000_000L);
            outageStartedNanos = -1;
            backoff = pollInterval;
          }
          if (System.nanoTime() - nextSweep >= 0) {
            sweep();
            nextSweep = System.nanoTime() + RETENTION_INTERVAL.toNanos();
          }
          if (!progressed) {
            sleep(pollInterval, stopRequested);
          }
        } catch (StoreException e) {
          if (outageStartedNanos < 0) {
            outageStartedNanos = System.nanoTime();
            log.warn(
                "{} the database; retrying with back-off up to {} s from the last committed"
                    + " positions (logged once per outage): {}",
                e.isConnectionFailure() ? "cannot reach" : "cannot store into",
                MAX_BACKOFF.toSeconds(),
                e.getMessage());
          } else {
            log.debug("still failing, next retry in {} ms: {}", backoff.toMillis(), e.getMessage());
          }
          sleep(backoff, stopRequested);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
        }
      }
    } finally {
      drainers.values().forEach(QueueDrainer::close);
      drainers.clear();
    }
    return total;
  }

  /** One batch of one queue, or null; a queue Chronicle cannot read is dropped until rescanned. */
  private DrainResult drainOne(Path dir, QueueDrainer drainer) {
    try {
      return drainer.drainBatch();
    } catch (QueueException e) {
      if (broken.add(dir)) {
        log.warn("skipping the queue {} for now: {}", dir, e.getMessage());
      }
      drainer.close();
      drainers.remove(dir);
      return null;
    }
  }

  /** Applies the retention to every queue; a finished queue is closed and removed. */
  private void sweep() {
    for (Map.Entry<Path, QueueDrainer> e : Map.copyOf(drainers).entrySet()) {
      if (aftercare.sweep(e.getKey(), e.getValue().queueId()).finished()) {
        e.getValue().close();
        drainers.remove(e.getKey());
        aftercare.remove(e.getKey());
      }
    }
  }

  private void scan() {
    try {
      for (Path dir : QueueDiscovery.find(root)) {
        if (!drainers.containsKey(dir)) {
          if (!broken.contains(dir)) {
            log.info("draining the queue {}", dir);
          }
          drainers.put(dir, new QueueDrainer(store, dir, batchSize, clock, alerts));
        }
      }
    } catch (QueueException e) {
      if (broken.add(root)) {
        log.warn("cannot scan {} for queues: {}", root, e.getMessage());
      }
    }
  }

  private boolean awaitDirectory(BooleanSupplier stopRequested) {
    boolean told = false;
    while (!Files.isDirectory(root)) {
      if (!told) {
        log.warn("waiting for the queue directory {} to appear", root);
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
