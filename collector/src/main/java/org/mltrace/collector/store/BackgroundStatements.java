package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance statements (PostgreSQL's {@code ANALYZE}) run on a connection of their own, in one
 * daemon thread, so the ingest transaction does not wait for them: analyzing the run tables inside
 * the drain took 0.6-0.7 s of a 10 s, 100,000-run bench (docs/performance.md, collector ingest). A
 * statement asked for while the previous one still runs is skipped: each one replaces the last.
 * Failures are logged and forgotten; the statements only help the planner.
 */
final class BackgroundStatements implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundStatements.class);

  /** How long closing waits for a running statement before closing its connection under it. */
  private static final long CLOSE_WAIT_SECONDS = 30;

  private final String url;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mltrace-db-maintenance");
            t.setDaemon(true);
            return t;
          });
  private Connection connection;
  private Future<?> running;

  BackgroundStatements(String url) {
    this.url = url;
  }

  /** Runs {@code sql} in the background unless the previous statement is still running. */
  synchronized void submit(String sql) {
    if (running != null && !running.isDone()) {
      log.debug("skipping a background statement: the previous one still runs");
      return;
    }
    running = thread.submit(() -> execute(sql));
  }

  /** Waits for the statement in progress, if any (for tests and for an orderly close). */
  void awaitIdle() {
    Future<?> current;
    synchronized (this) {
      current = running;
    }
    if (current == null) {
      return;
    }
    try {
      current.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("background statement did not finish cleanly", e);
    }
  }

  private void execute(String sql) {
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(url);
        connection.setAutoCommit(true);
      }
      try (Statement st = connection.createStatement()) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      log.debug("background statement failed: {}", sql, e);
      closeConnection();
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing the maintenance connection failed", e);
    }
    connection = null;
  }

  @Override
  public void close() {
    awaitIdle();
    try {
      thread.submit(this::closeConnection).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("closing the maintenance connection failed", e);
    }
    thread.shutdown();
  }
}
