package org.mltrace.collector.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.Progress;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.queue.QueueEntry;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.queue.QueueReader;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one queue's entries into the store, exactly once.
 *
 * <h2>Design</h2>
 *
 * <p>The queue is the agent's; the collector never deletes or marks entries. Instead it keeps its
 * own read position, the Chronicle index of the last entry it stored, in {@code ingest_positions}
 * under the queue directory's absolute path. Each batch's rows and that position are written in one
 * database transaction, so after a crash or a kill the drain resumes right after the last committed
 * batch: an entry is stored once, never zero or two times. Each agent start writes its own queue (a
 * subdirectory of the directory the user gives, see {@link QueueDiscovery}), so each has its own
 * position; {@link QueueFollower} runs one drainer per queue.
 *
 * <p>Failures are sorted by who can fix them:
 *
 * <ul>
 *   <li>An entry that does not decode (unknown format version, truncation, garbage) is a dead
 *       letter: stored with its reason and index in {@code dead_letters}, in the same transaction,
 *       and the drain goes on.
 *   <li>A batch the database refuses (a constraint, a value it cannot hold) is retried entry by
 *       entry; the one entry that still fails becomes a dead letter too, so one odd event cannot
 *       block the queue forever.
 *   <li>A lost connection is not the entries' fault: the {@link StoreException} propagates (nothing
 *       of the failed batch was committed) and the next call reads the committed position again
 *       before going on, so a commit whose acknowledgement was lost is not stored twice.
 * </ul>
 */
public final class QueueDrainer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueueDrainer.class);

  /** Attempts of a batch rolled back by a deadlock or serialization failure before splitting it. */
  private static final int MAX_CONFLICT_RETRIES = 5;

  private final IngestStore store;
  private final BatchWriter writer;
  private final Path queueDir;
  private final String queueId;
  private final int batchSize;
  private QueueReader reader;
  private boolean positioned;

  /**
   * Entries still to read from the committed position before a batch is stored without first
   * removing rows of its runs left by a lost transaction (see {@link #removeOrphanRows}).
   */
  private int entriesToCheckForOrphans;

  private int lastBatchEntries;

  /**
   * The batch after the one being stored: read from the queue on this thread, decoded and prepared
   * ({@link IngestStore#prepare}) on {@link IngestThreads} while this thread stores the one before,
   * so that the database does not wait for that work between batches; its value is null when the
   * queue held nothing more. Null when nothing was read ahead, and dropped whenever the reader goes
   * back to the committed position.
   */
  private Future<IngestBatch> ahead;

  /**
   * Batches read ahead at once ({@link #READ_AHEAD_BATCHES}) across the process's drainers. Each
   * holds up to a batch of decoded entries, and a follower of many queues storing a batch of each
   * in turn would otherwise hold one per queue; a drainer that finds none free reads its next batch
   * when it needs it, as before.
   */
  private static final int READ_AHEAD_BATCHES = 2;

  private static final Semaphore READ_AHEAD = new Semaphore(READ_AHEAD_BATCHES);

  /** Whether {@link #ahead} holds one of {@link #READ_AHEAD}'s permits. */
  private boolean aheadPermit;

  /**
   * @param queueDir one agent queue's directory; its absolute path keys the stored position
   * @param batchSize entries per transaction
   * @param alerts receives the task SLA alerts each committed batch opened or resolved
   */
  public QueueDrainer(
      IngestStore store,
      Path queueDir,
      int batchSize,
      Clock clock,
      Consumer<List<AlertEvent>> alerts) {
    this.store = store;
    this.writer = new BatchWriter(store, clock, alerts);
    this.queueDir = queueDir.toAbsolutePath().normalize();
    this.queueId = this.queueDir.toString();
    this.batchSize = batchSize;
  }

  /** The key of this queue's position: its absolute, normalized directory path. */
  public String queueId() {
    return queueId;
  }

  /**
   * Stores every entry after the stored position, then returns.
   *
   * @throws QueueException if the queue is missing or unreadable
   * @throws StoreException if the database fails; batches committed before stay committed
   */
  public DrainResult drainAvailable() {
    return drainAvailable(Progress.NONE);
  }

  /** {@link #drainAvailable()}, telling {@code progress} the entries of each committed batch. */
  DrainResult drainAvailable(Progress progress) {
    DrainResult total = DrainResult.NONE;
    for (DrainResult r = drainBatch(); r != null; r = drainBatch()) {
      total = total.plus(r);
      progress.advance(lastBatchEntries);
    }
    return total;
  }

  /**
   * Stores the next batch of at most {@code batchSize} entries; returns null when the queue holds
   * nothing new. The queue stays open between calls.
   *
   * @throws QueueException if the queue is missing or unreadable
   * @throws StoreException if the database fails; the next call starts again from the committed
   *     position
   */
  DrainResult drainBatch() {
    if (reader == null) {
      reader = QueueReader.open(queueDir);
      positioned = false;
    }
    try {
      if (!positioned) {
        dropAhead();
        reader.positionAfter(store.lastIndex(queueId).orElse(-1));
        positioned = true;
        // A lost transaction held at most one batch of this collector's size: a collector
        // restarted with a smaller batch size than the one killed would check too few entries.
        entriesToCheckForOrphans = store.mayKeepRowsOfLostTransactions() ? batchSize : 0;
      }
      IngestBatch batch = IngestThreads.outcome(ahead != null ? ahead : readNext());
      dropAhead();
      lastBatchEntries = batch == null ? 0 : batch.size();
      if (batch == null) {
        return null;
      }
      if (READ_AHEAD.tryAcquire()) {
        aheadPermit = true;
        ahead = readNext();
      }
      if (entriesToCheckForOrphans > 0) {
        entriesToCheckForOrphans -= batch.size();
        removeOrphanRows(batch);
      }
      return writeSafely(batch);
    } catch (RuntimeException e) {
      // The failed batch was rolled back, or maybe committed, and the reader is past it and the
      // batch read ahead: ask the database where to go on from.
      positioned = false;
      dropAhead();
      throw e;
    }
  }

  /**
   * Reads the next entries and starts decoding and preparing them on {@link IngestThreads} (here
   * when the pool takes no task); the future's value is null when the queue held none.
   */
  private Future<IngestBatch> readNext() {
    List<QueueEntry> entries = reader.read(batchSize);
    Supplier<IngestBatch> decode =
        () -> entries.isEmpty() ? null : IngestBatch.decode(queueId, entries, store);
    Future<IngestBatch> aside = entries.isEmpty() ? null : IngestThreads.start(decode);
    return aside != null ? aside : CompletableFuture.completedFuture(decode.get());
  }

  /** Forgets the batch read ahead, if any, and gives back its permit. */
  private void dropAhead() {
    ahead = null;
    if (aheadPermit) {
      aheadPermit = false;
      READ_AHEAD.release();
    }
  }

  /** Batches read ahead and not yet taken, across the process's drainers; for tests. */
  static int batchesReadAhead() {
    return READ_AHEAD_BATCHES - READ_AHEAD.availablePermits();
  }

  private DrainResult writeSafely(IngestBatch batch) {
    boolean orphansRemoved = false;
    boolean keyRepaired = false;
    for (int attempt = 1; ; attempt++) {
      try {
        return writer.write(batch);
      } catch (StoreException e) {
        if (e.isConnectionFailure()) {
          throw e;
        }
        if (!orphansRemoved && !e.isTransactionConflict()) {
          orphansRemoved = true;
          if (removeOrphanRows(batch) > 0) {
            continue;
          }
        }
        // Before one entry is given up as a dead letter: a key entry H2 kept for a row it lost
        // fails the entry every time, and is the database's damage, not the entry's.
        if (batch.size() == 1 && !keyRepaired && !e.isTransactionConflict()) {
          keyRepaired = true;
          if (store.repairAfter(e)) {
            continue;
          }
        }
        if (!e.isTransactionConflict() || attempt == MAX_CONFLICT_RETRIES) {
          return splitOrDeadLetter(batch, e);
        }
        log.debug("batch from {} rolled back by a concurrent transaction, retrying", queueId, e);
      }
    }
  }

  /**
   * An H2 database killed mid-transaction was seen (CollectorCrashIT) to come back holding some
   * input rows of a run whose run row and queue position were lost with the transaction; storing
   * the run again then broke the inputs' key. Such rows belong to no stored run and the run is
   * about to be stored whole, so they are removed: before the batch is tried again, and, since the
   * pointer rows have no key by run that would fail (V047), before storing the entries of one batch
   * from the committed position, where the lost transaction's runs are.
   */
  private int removeOrphanRows(IngestBatch batch) {
    List<RunEvent> runs = batch.runs();
    if (runs.isEmpty()) {
      return 0;
    }
    int removed = store.inTransaction(tx -> tx.removeOrphanRows(runs));
    if (removed > 0) {
      log.warn(
          "removed {} rows left by an interrupted transaction for runs of queue {}, before storing them",
          removed,
          queueId);
    }
    return removed;
  }

  private DrainResult splitOrDeadLetter(IngestBatch batch, StoreException e) {
    if (batch.size() > 1) {
      log.warn(
          "a batch of {} entries from {} failed, retrying one by one: {}",
          batch.size(),
          queueId,
          e.getMessage());
      DrainResult total = DrainResult.NONE;
      for (IngestBatch single : batch.split()) {
        total = total.plus(writeSafely(single));
      }
      return total;
    }
    DecodedEntry entry = batch.entries().get(0);
    log.warn(
        "queue {} index {} could not be stored, dead-lettering it: {}",
        queueId,
        entry.index(),
        e.getMessage());
    byte[] payload =
        entry instanceof DecodedEntry.Valid v
            ? v.payload()
            : ((DecodedEntry.Malformed) entry).payload();
    return writer.writeAsDeadLetter(batch, "could not store: " + e.getMessage(), payload);
  }

  @Override
  public void close() {
    dropAhead();
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
