package org.mltrace.collector.store;

import java.time.Instant;
import java.util.List;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.CodeSourceEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.BatchLineage;

/**
 * Writes within one open transaction (see {@link IngestStore#inTransaction}). As a {@link
 * BatchLineage.Store} it sees the rows written earlier in the same transaction. Every method throws
 * {@link StoreException} when the database fails, which aborts the transaction.
 */
public interface IngestTransaction extends BatchLineage.Store {

  /** Inserts or updates the component's description, owner, tags and methods. */
  void upsertComponent(ComponentEvent event, Instant now);

  /** The runs whose ids are neither stored nor repeated earlier in the list, in order. */
  List<RunEvent> withoutStored(List<RunEvent> runs);

  /**
   * Stores new runs (from {@link #withoutStored}) with their inputs, outputs and pointers, creating
   * a bare component row for an undeclared component, widening the component's first/last seen and
   * adding them to the components' run counts.
   */
  default void insertRuns(List<RunEvent> fresh, Instant now) {
    insertRuns(fresh, now, () -> {});
  }

  /**
   * {@link #insertRuns(List, Instant)}, calling {@code beforeOutputRows} on this thread before the
   * {@code run_writes} rows, which the lineage's database questions read ({@link
   * BatchLineage.Prepared#resolve}), are written: the run, pointer, read, sample and trigger rows
   * come before it, the writes and run counts after. So the batch's links can be resolved while the
   * database stores its other rows, and answered by the database where the snapshot cannot.
   */
  default void insertRuns(List<RunEvent> fresh, Instant now, Runnable beforeOutputRows) {
    insertRuns(fresh, PreparedRuns.NONE, now, beforeOutputRows);
  }

  /**
   * {@link #insertRuns(List, Instant, Runnable)} with the parts of the rows {@link
   * IngestStore#prepare} made of the runs (or of a batch they belong to) before the transaction.
   */
  void insertRuns(
      List<RunEvent> fresh, PreparedRuns prepared, Instant now, Runnable beforeOutputRows);

  /** Stores one run unless its id is stored; returns whether it stored it. */
  default boolean insertRun(RunEvent run, Instant now) {
    List<RunEvent> fresh = withoutStored(List.of(run));
    insertRuns(fresh, now);
    return !fresh.isEmpty();
  }

  /**
   * Records a batch's links, replacing the earlier links of {@link BatchLineage.Links#replacing}.
   */
  void writeLinks(BatchLineage.Links links);

  /**
   * Deletes the pointer, sample and dependency rows of those of {@code runs} that have no run row;
   * returns how many it deleted. Such rows cannot be written by the collector, whose runs commit
   * whole, but H2 was seen to keep some after a kill (see {@code QueueDrainer}).
   */
  int removeOrphanRows(List<RunEvent> runs);

  /** Keeps the report if it is the agent's latest. */
  void upsertAgentStats(AgentStatsEvent event, Instant now);

  /** Keeps an entry that could not be stored, with why. */
  void insertDeadLetter(
      String queueId, long queueIndex, String reason, byte[] payload, Instant now);

  /**
   * The task tables in this transaction (tasks' predictions and labels join with the runs that
   * carry them). The caller closes it, which closes its statements, not the transaction.
   */
  JdbcTaskStore tasks();

  /** Keeps the agent's report of where a component's woven classes came from. */
  void upsertCodeSource(CodeSourceEvent event, Instant now);

  /** Records that the queue is drained up to and including {@code lastIndex}. */
  void savePosition(String queueId, long lastIndex, Instant now);

  /**
   * For a batch with no value marked {@code snapshot: true}: if the artifact snapshot copier stands
   * where the ingest stood before this batch, it moves to {@code lastIndex} with it, in this
   * transaction, so that the copier has nothing of this batch to read, decode and commit again; on
   * a queue's first batch both start at {@code lastIndex}. Call before {@link #savePosition}.
   */
  void passSnapshotPosition(String queueId, long lastIndex, Instant now);
}
