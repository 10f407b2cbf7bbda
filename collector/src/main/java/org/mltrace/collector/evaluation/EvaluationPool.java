package org.mltrace.collector.evaluation;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * Runs evaluations on a fixed number of worker threads, each under a time limit.
 *
 * <p>Design note. An evaluation that throws becomes an {@code error} result. One that runs past the
 * limit becomes an {@code error} result at the limit, and its thread is interrupted; a trigger that
 * ignores interrupts keeps its thread, so the pool lends a replacement thread for as long as that
 * one stays stuck: a few runaway triggers slow nothing else down. At most {@code threads +
 * capacity} evaluations are in flight; {@link #submit} waits for a free place beyond that. Only the
 * engine's own thread submits, so this back-pressure holds runs in {@code trigger_pending}; it
 * never reaches ingestion, which only adds rows there.
 */
final class EvaluationPool implements AutoCloseable {
  /** A result with how long the evaluation took. */
  record Timed(TriggerResult result, long durationMicros) {}

  private final int threads;
  private final Duration timeLimit;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService watchdog;
  private final Semaphore places;
  private int lent; // replacement threads for stuck evaluations, guarded by this

  EvaluationPool(int threads, int capacity, Duration timeLimit) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.timeLimit = timeLimit;
    this.places = new Semaphore(threads + capacity);
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemons("mltrace-trigger-"));
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(daemons("mltrace-trigger-watchdog-"));
  }

  /**
   * Schedules the evaluation, waiting while {@code threads + capacity} are in flight. The future
   * always completes: with the result, with an error result for an exception, or at the time limit.
   */
  CompletableFuture<Timed> submit(Callable<TriggerResult> evaluation, ClassLoader loader)
      throws InterruptedException {
    places.acquire();
    Task task = new Task(evaluation, loader);
    try {
      workers.execute(task);
    } catch (RuntimeException e) {
      places.release();
      throw e;
    }
    return task.result;
  }

  /** One evaluation; {@code lock} orders its ending against the watchdog's interrupt. */
  private final class Task implements Runnable {
    final CompletableFuture<Timed> result = new CompletableFuture<>();
    final Callable<TriggerResult> evaluation;
    final ClassLoader loader;
    final Object lock = new Object();
    boolean done;
    boolean timedOut;
    int shielded; // > 0 while the evaluation reads the database
    boolean interruptWanted;

    Task(Callable<TriggerResult> evaluation, ClassLoader loader) {
      this.evaluation = evaluation;
      this.loader = loader;
    }

    @Override
    public void run() {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      long start = System.nanoTime();
      ScheduledFuture<?> dog =
          watchdog.schedule(() -> expire(thread, start), timeLimit.toNanos(), TimeUnit.NANOSECONDS);
      Timed outcome;
      CURRENT.set(this);
      try {
        // A plugin trigger looks resources up through the context loader, as in an app server.
        thread.setContextClassLoader(loader);
        TriggerResult r = evaluation.call();
        outcome =
            new Timed(
                r == null ? TriggerResult.error("the trigger returned no result") : r,
                micros(start));
      } catch (Throwable e) { // a trigger's failure is its result, whatever it threw
        outcome = new Timed(TriggerResult.error(describe(e)), micros(start));
      } finally {
        CURRENT.remove();
        thread.setContextClassLoader(previous);
        dog.cancel(false);
      }
      boolean expired;
      synchronized (lock) {
        done = true;
        expired = timedOut;
      }
      if (expired) {
        Thread.interrupted(); // the watchdog's interrupt must not reach the next task
        giveBack();
      } else {
        result.complete(outcome);
        places.release();
      }
    }

    private void expire(Thread thread, long start) {
      synchronized (lock) {
        if (done) {
          return;
        }
        timedOut = true;
        if (shielded > 0) {
          interruptWanted = true;
        } else {
          thread.interrupt();
        }
      }
      lend();
      result.complete(
          new Timed(
              TriggerResult.error("exceeded the time limit of " + seconds(timeLimit)),
              micros(start)));
      places.release();
    }
  }

  private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

  /**
   * Runs {@code work} (a database read an evaluation asks for) without the watchdog's interrupt
   * landing in it: an interrupt during H2's file I/O closes its channel and with it the database. A
   * time limit passed meanwhile interrupts the evaluation as soon as the read returns.
   */
  static <T> T uninterruptibly(java.util.function.Supplier<T> work) {
    Task task = CURRENT.get();
    if (task == null) {
      return work.get();
    }
    synchronized (task.lock) {
      task.shielded++;
    }
    try {
      return work.get();
    } finally {
      synchronized (task.lock) {
        task.shielded--;
        if (task.shielded == 0 && task.interruptWanted) {
          task.interruptWanted = false;
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private synchronized void lend() {
    lent++;
    workers.setMaximumPoolSize(threads + lent);
    workers.setCorePoolSize(threads + lent);
  }

  private synchronized void giveBack() {
    lent--;
    workers.setCorePoolSize(threads + lent);
    workers.setMaximumPoolSize(threads + lent);
  }

  private static long micros(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000;
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return "the trigger threw "
        + e.getClass().getName()
        + (message == null ? "" : ": " + message.strip().lines().findFirst().orElse(""));
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Stops taking evaluations; those still stuck are abandoned (their threads are daemons). Nothing
   * is interrupted, for the reason given at {@link #uninterruptibly}.
   */
  @Override
  public void close() {
    workers.shutdown();
    watchdog.shutdownNow();
  }
}
