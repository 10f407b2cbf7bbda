package org.mltrace.collector.alert;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands alert events to the sinks on one background thread, in the order they happened, so that a
 * slow or dead webhook (retries, timeouts) never holds up ingestion or trigger evaluation. At most
 * {@code capacity} events wait; beyond that new ones are dropped and counted. Every failed delivery
 * is logged and counted, never thrown.
 */
public final class AlertNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
  static final int DEFAULT_CAPACITY = 1_000;

  private final List<AlertSink> sinks;
  private final ThreadPoolExecutor executor;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public AlertNotifier(List<AlertSink> sinks) {
    this(sinks, DEFAULT_CAPACITY);
  }

  AlertNotifier(List<AlertSink> sinks, int capacity) {
    this.sinks = List.copyOf(sinks);
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, "mltrace-alert-sinks");
              t.setDaemon(true);
              return t;
            });
  }

  /** A notifier without sinks: events are only stored and logged. */
  public static AlertNotifier none() {
    return new AlertNotifier(List.of(), 1);
  }

  /** Queues the event for every sink; returns at once. */
  public void submit(AlertEvent event) {
    for (AlertSink sink : sinks) {
      try {
        executor.execute(() -> deliver(sink, event));
      } catch (RejectedExecutionException e) {
        dropped.incrementAndGet();
        log.warn(
            "{} not sent to {}: {} events already waiting",
            event,
            sink.describe(),
            executor.getQueue().size());
      }
    }
  }

  private void deliver(AlertSink sink, AlertEvent event) {
    try {
      sink.send(event);
      delivered.incrementAndGet();
      log.debug("{} sent to {}", event, sink.describe());
    } catch (InterruptedException e) {
      failed.incrementAndGet();
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failed.incrementAndGet();
      log.warn("{} could not be sent to {}: {}", event, sink.describe(), e.getMessage());
      log.debug("sink failure", e);
    }
  }

  /** Deliveries that succeeded. */
  public long delivered() {
    return delivered.get();
  }

  /** Deliveries that failed after the sink's retries. */
  public long failed() {
    return failed.get();
  }

  /** Events not queued because {@code capacity} were already waiting. */
  public long dropped() {
    return dropped.get();
  }

  /** One line for the collector's summary, or null when no sink is configured. */
  public String summary() {
    if (sinks.isEmpty()) {
      return null;
    }
    return "alert notifications: "
        + delivered()
        + " delivered, "
        + failed()
        + " failed"
        + (dropped() > 0 ? ", " + dropped() + " dropped" : "");
  }

  /**
   * Waits until every queued event has been handed to its sinks, or {@code limit} passed.
   *
   * @return true if nothing is left to deliver
   */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (executor.getQueue().size() + executor.getActiveCount() > 0
        || executor.getCompletedTaskCount() < executor.getTaskCount()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Delivers what is queued, for at most 30 seconds, then stops the thread. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn(
            "alert sinks still busy after 30 s; {} events not delivered",
            executor.getQueue().size());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
