package org.mltrace.collector.store;

import java.time.Instant;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.LineageIndex;

/**
 * Writes within one open transaction (see {@link IngestStore#inTransaction}). As a {@link
 * LineageIndex} it sees the rows written earlier in the same transaction. Every method throws
 * {@link StoreException} when the database fails, which aborts the transaction.
 */
public interface IngestTransaction extends LineageIndex {

  /** Inserts or updates the component's description, owner, tags and methods. */
  void upsertComponent(ComponentEvent event, Instant now);

  /**
   * Stores the run with its inputs, outputs and pointers, creating a bare component row for an
   * undeclared component and widening the component's first/last seen.
   *
   * @return false, storing nothing, when a run with this id is already stored
   */
  boolean insertRun(RunEvent event, Instant now);

  /** Records the dependency, replacing any earlier link of the same run and pointer. */
  void linkDependency(Dependency dependency);

  /** Keeps the report if it is the agent's latest. */
  void upsertAgentStats(AgentStatsEvent event, Instant now);

  /** Keeps an entry that could not be stored, with why. */
  void insertDeadLetter(
      String queueId, long queueIndex, String reason, byte[] payload, Instant now);

  /** Records that the queue is drained up to and including {@code lastIndex}. */
  void savePosition(String queueId, long lastIndex, Instant now);
}
