package org.mltrace.collector.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.CodeSourceEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.lineage.BatchLineage;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.IngestTransaction;
import org.mltrace.collector.store.PreparedRuns;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.truth.TaskIngest;

/**
 * Stores one {@link IngestBatch} in one transaction: each event's rows, the dependencies of each
 * new run (and the links it takes over from earlier producers), dead letters, and the queue
 * position. Either all of it commits or none of it does, which is what makes the drain exactly
 * once.
 */
final class BatchWriter {
  /**
   * A batch of at least this many new runs resolves its links on {@link IngestThreads} while this
   * thread stores its rows; a smaller one (a follower's batch of a few runs) on this thread, where
   * handing it over would cost more than it saves.
   */
  static final int OVERLAP_MIN_RUNS = 64;

  private final IngestStore store;
  private final BatchLineage lineage = new BatchLineage();

  private final Clock clock;
  private final Consumer<List<AlertEvent>> alerts;

  /**
   * @param alerts receives the task SLA alerts a committed batch opened or resolved
   */
  BatchWriter(IngestStore store, Clock clock, Consumer<List<AlertEvent>> alerts) {
    this.store = store;
    this.clock = clock;
    this.alerts = alerts;
  }

  /**
   * Stores the batch.
   *
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  DrainResult write(IngestBatch batch) {
    List<AlertEvent> opened = new ArrayList<>();
    DrainResult stored =
        store.inTransaction(
            tx -> {
              Instant now = clock.instant();
              List<RunEvent> runs = new ArrayList<>();
              DrainResult result = DrainResult.NONE;
              try (TaskIngest tasks = new TaskIngest(tx)) {
                for (DecodedEntry entry : batch.entries()) {
                  if (entry instanceof DecodedEntry.Valid valid) {
                    if (valid.event() instanceof RunEvent run) {
                      runs.add(run);
                    } else if (valid.event() instanceof TaskEvent task) {
                      result = result.plus(storeTask(tx, tasks, batch.queueId(), valid, task, now));
                    } else {
                      result = result.plus(storeOther(tx, valid.event(), now));
                    }
                  } else if (entry instanceof DecodedEntry.Malformed bad) {
                    tx.insertDeadLetter(
                        batch.queueId(), bad.index(), bad.reason(), bad.payload(), now);
                    result = result.plus(new DrainResult(0, 0, 0, 1));
                  }
                }
                List<RunEvent> fresh = runs.isEmpty() ? List.of() : tx.withoutStored(runs);
                result = result.plus(storeRuns(tx, batch.prepared(), runs, fresh, now));
                tasks.runs(fresh);
                opened.addAll(tasks.evaluate(now));
              }
              if (!anySnapshot(runs)) {
                tx.passSnapshotPosition(batch.queueId(), batch.lastIndex(), now);
              }
              tx.savePosition(batch.queueId(), batch.lastIndex(), now);
              return result;
            });
    if (!opened.isEmpty()) {
      alerts.accept(opened); // only once committed: a rolled-back batch told nobody
    }
    return stored;
  }

  /** Whether a run has a value marked {@code snapshot: true}, for the artifact copier. */
  private static boolean anySnapshot(List<RunEvent> runs) {
    for (RunEvent run : runs) {
      for (CapturedValue v : run.inputs()) {
        if (v.snapshot()) {
          return true;
        }
      }
      for (CapturedValue v : run.outputs()) {
        if (v.snapshot()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A task declaration, or a dead letter saying why this collector cannot use it. */
  private static DrainResult storeTask(
      IngestTransaction tx,
      TaskIngest tasks,
      String queueId,
      DecodedEntry.Valid entry,
      TaskEvent task,
      Instant now) {
    try {
      tasks.declare(task, now);
      return new DrainResult(1, 0, 0, 0);
    } catch (IllegalArgumentException e) {
      tx.insertDeadLetter(queueId, entry.index(), e.getMessage(), entry.payload(), now);
      return new DrainResult(0, 0, 0, 1);
    }
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

  /**
   * Stores the batch's runs and their links, resolved against what the database held before the
   * batch and against each other (queue order): for a big batch on another thread while this one
   * writes the rows.
   */
  private DrainResult storeRuns(
      IngestTransaction tx,
      PreparedRuns parts,
      List<RunEvent> runs,
      List<RunEvent> fresh,
      Instant now) {
    if (runs.isEmpty()) {
      return DrainResult.NONE;
    }
    BatchLineage.Prepared prepared = lineage.prepare(fresh, parts.lineagePointers(fresh), tx);
    Future<Optional<BatchLineage.Links>> fromSnapshot = resolveAside(prepared, fresh.size());
    List<BatchLineage.Links> resolved = new ArrayList<>(1);
    try {
      tx.insertRuns(fresh, parts, now, () -> resolved.add(links(fromSnapshot, prepared, tx)));
    } finally {
      if (fromSnapshot != null) {
        fromSnapshot.cancel(false); // only if the rows failed first: the thread is then idle soon
      }
    }
    if (resolved.size() != 1) {
      throw new IllegalStateException(
          "the store resolved a batch's links " + resolved.size() + " times instead of once");
    }
    tx.writeLinks(resolved.get(0));
    long duplicates = runs.size() - fresh.size();
    return new DrainResult(fresh.size(), fresh.size(), duplicates, 0);
  }

  /**
   * Starts resolving a batch's links from its snapshot on {@link IngestThreads}: the links take a
   * few microseconds a run in memory, the rows far longer in the database, and one overlaps the
   * other (on H2, the database's work is this thread's: two cores work). Null for a small batch, or
   * when the pool takes no task: the links are then resolved on this thread.
   */
  private static Future<Optional<BatchLineage.Links>> resolveAside(
      BatchLineage.Prepared prepared, int runs) {
    return runs < OVERLAP_MIN_RUNS ? null : IngestThreads.start(prepared::resolveFromSnapshot);
  }

  /**
   * The batch's links: those the other thread resolved from the snapshot, else (it could not, or
   * was not asked) resolved here with the database's help.
   */
  private static BatchLineage.Links links(
      Future<Optional<BatchLineage.Links>> fromSnapshot,
      BatchLineage.Prepared prepared,
      IngestTransaction tx) {
    Optional<BatchLineage.Links> links =
        fromSnapshot == null ? Optional.empty() : IngestThreads.outcome(fromSnapshot);
    return links.orElseGet(() -> prepared.resolve(tx));
  }

  /**
   * Component declarations, agent stats and code sources: a few per agent, stored one by one, in
   * order.
   */
  private static DrainResult storeOther(IngestTransaction tx, Event event, Instant now) {
    if (event instanceof ComponentEvent component) {
      tx.upsertComponent(component, now);
    } else if (event instanceof AgentStatsEvent stats) {
      tx.upsertAgentStats(stats, now);
    } else if (event instanceof CodeSourceEvent source) {
      tx.upsertCodeSource(source, now);
    }
    return new DrainResult(1, 0, 0, 0);
  }
}
