package org.mltrace.collector.ingest;

import java.time.Clock;
import java.time.Instant;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.DependencyResolver;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.IngestTransaction;
import org.mltrace.collector.store.StoreException;

/**
 * Stores one {@link IngestBatch} in one transaction: each event's rows, the dependencies of each
 * new run (and the links it takes over from earlier producers), dead letters, and the queue
 * position. Either all of it commits or none of it does, which is what makes the drain exactly
 * once.
 */
final class BatchWriter {
  private final IngestStore store;
  private final DependencyResolver resolver = new DependencyResolver();
  private final Clock clock;

  BatchWriter(IngestStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Stores the batch.
   *
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  DrainResult write(IngestBatch batch) {
    return store.inTransaction(
        tx -> {
          Instant now = clock.instant();
          DrainResult result = DrainResult.NONE;
          for (DecodedEntry entry : batch.entries()) {
            if (entry instanceof DecodedEntry.Valid valid) {
              result = result.plus(store(tx, valid.event(), now));
            } else if (entry instanceof DecodedEntry.Malformed bad) {
              tx.insertDeadLetter(batch.queueId(), bad.index(), bad.reason(), bad.payload(), now);
              result = result.plus(new DrainResult(0, 0, 0, 1));
            }
          }
          tx.savePosition(batch.queueId(), batch.lastIndex(), now);
          return result;
        });
  }

  /**
   * Stores a single-entry batch as a dead letter with {@code reason}, for an entry that decoded but
   * that the database refused.
   */
  DrainResult writeAsDeadLetter(IngestBatch single, String reason, byte[] payload) {
    DecodedEntry entry = single.entries().get(0);
    return store.inTransaction(
        tx -> {
          Instant now = clock.instant();
          tx.insertDeadLetter(single.queueId(), entry.index(), reason, payload, now);
          tx.savePosition(single.queueId(), single.lastIndex(), now);
          return new DrainResult(0, 0, 0, 1);
        });
  }

  private DrainResult store(IngestTransaction tx, Event event, Instant now) {
    if (event instanceof RunEvent run) {
      if (!tx.insertRun(run, now)) {
        return new DrainResult(0, 0, 1, 0);
      }
      for (Dependency d : resolver.dependenciesOf(run, tx)) {
        tx.linkDependency(d);
      }
      for (Dependency d : resolver.relinksFor(run, tx)) {
        tx.linkDependency(d);
      }
      return new DrainResult(1, 1, 0, 0);
    } else if (event instanceof ComponentEvent component) {
      tx.upsertComponent(component, now);
    } else if (event instanceof AgentStatsEvent stats) {
      tx.upsertAgentStats(stats, now);
    }
    return new DrainResult(1, 0, 0, 0);
  }
}
