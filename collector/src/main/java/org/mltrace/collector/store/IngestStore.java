package org.mltrace.collector.store;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.mltrace.agent.event.RunEvent;

/**
 * The write side of the store, as the queue drainer needs it: where a queue was left, and one
 * transaction at a time to store a batch together with the new position.
 */
public interface IngestStore {

  /**
   * The index of the last entry stored from the queue, or empty if none was.
   *
   * @throws StoreException if the database fails
   */
  OptionalLong lastIndex(String queueId);

  /**
   * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws.
   *
   * @throws StoreException if the database fails (after rolling back); exceptions thrown by {@code
   *     work} propagate unchanged, also after rolling back
   */
  <T> T inTransaction(Function<IngestTransaction, T> work);

  /**
   * The parts of {@code runs}' rows that need no database, for {@link
   * IngestTransaction#insertRuns(List, PreparedRuns, Instant, Runnable)}: made on any thread,
   * before the transaction, so that they do not hold the database up while it waits.
   */
  default PreparedRuns prepare(List<RunEvent> runs) {
    return PreparedRuns.NONE;
  }

  /**
   * Repairs what made {@code failure} happen when it is damage an interrupted transaction left in
   * the database rather than a fault of the entries (see {@link H2KeyRepair}); returns whether it
   * repaired anything, so that the failed batch is worth trying again.
   *
   * @throws StoreException if the repair itself fails
   */
  default boolean repairAfter(StoreException failure) {
    return false;
  }

  /**
   * Whether a collector killed mid-transaction can leave rows of runs whose transaction was lost
   * (H2, see {@code QueueDrainer}); a transactional database such as PostgreSQL cannot.
   */
  default boolean mayKeepRowsOfLostTransactions() {
    return false;
  }
}
