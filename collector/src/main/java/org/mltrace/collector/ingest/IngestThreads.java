package org.mltrace.collector.ingest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that work beside a drainer's own, so that the database does not wait for work that
 * needs none of it: decoding and preparing the next batch ({@link QueueDrainer}), resolving this
 * batch's links ({@link BatchWriter}). Shared by every queue's drainer; threads are made when
 * drainers need them and end after a minute unused. Their tasks touch no database and no queue.
 */
final class IngestThreads {
  private static final AtomicInteger NUMBER = new AtomicInteger();

  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "mltrace-ingest-" + NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private IngestThreads() {}

  /** Starts {@code task} on a pool thread; null when the pool takes no task (run it yourself). */
  static <T> Future<T> start(Supplier<T> task) {
    try {
      return POOL.submit(task::get);
    } catch (RejectedExecutionException noThread) {
      return null;
    }
  }

  /**
   * The value of a task, waiting for it however long it takes: the tasks are short, and giving up
   * would fail a batch that is fine. An interrupt is kept for the caller; the task's own exception
   * is rethrown, naming the thread that waited for it.
   */
  static <T> T outcome(Future<T> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          cause.addSuppressed(
              new IllegalStateException("raised in a task awaited by " + Thread.currentThread()));
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
