package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One transaction on a {@link Database}'s connection: auto-commit off, the lock its kind of work
 * takes on PostgreSQL, the work, then commit (or roll back for a dry run, or on any failure), and
 * auto-commit back on. A {@link SQLException} becomes a {@link StoreException} that says what was
 * being done; other exceptions pass through after the rollback.
 *
 * <p>The locks are PostgreSQL advisory locks held until the transaction ends. H2 is one collector's
 * file and takes none.
 *
 * <p>Outside {@code store/} the work is {@link Steps}: calls to repositories built on the same
 * {@link Database}, which never hand out the connection.
 */
public final class UnitOfWork {
  private UnitOfWork() {}

  /** The advisory lock a transaction takes first. */
  public enum Lock {
    NONE(0),
    /**
     * Serializes every transaction that writes runs or removes them (ingest, compaction, purge):
     * two collectors storing at once would otherwise each miss the other's uncommitted runs when
     * inferring dependencies.
     */
    INGEST(SqlDialect.INGEST_LOCK_KEY),
    /** Serializes the alert state machines of collectors sharing a database ("alerts" in ASCII). */
    ALERTS(0x616c65727473L);

    private final long key;

    Lock(long key) {
      this.key = key;
    }
  }

  /** What happens to the work's changes when it returns normally. */
  public enum End {
    COMMIT,
    /** A dry run: the work runs in full and reports, then nothing it changed stays. */
    ROLL_BACK
  }

  /** Work on the transaction's connection, for the repositories of this package. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Work done through repositories built on the same {@link Database}: they use its one connection,
   * so their statements join this transaction, and the caller sees no connection.
   */
  @FunctionalInterface
  public interface Steps<T> {
    T run();
  }

  /** As {@link #run(Database, Lock, End, String, Work)}, for work done through repositories. */
  public static <T> T run(Database database, Lock lock, End end, String doing, Steps<T> work) {
    return run(database, lock, end, doing, c -> work.run());
  }

  /**
   * Runs {@code work} in one transaction.
   *
   * @param doing what the work does, for the error message ("compacting runs older than ...")
   * @throws StoreException if the database fails; nothing the work changed stays
   */
  static <T> T run(Database database, Lock lock, End end, String doing, Work<T> work) {
    Connection c = database.connection();
    try {
      c.setAutoCommit(false);
      database.pin(c);
      try {
        take(c, database.isPostgres(), lock);
        T result = work.run(c);
        if (end == End.COMMIT) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        database.pin(null);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw StoreException.of(doing, e);
    }
  }

  /**
   * Takes {@code lock} inside the caller's transaction on {@code c}, for work that joins a
   * transaction someone else opened (an SLA alert evaluated while a batch is ingested).
   */
  static void take(Connection c, boolean postgres, Lock lock) throws SQLException {
    if (!postgres || lock == Lock.NONE) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, lock.key);
      ps.execute();
    }
  }
}
