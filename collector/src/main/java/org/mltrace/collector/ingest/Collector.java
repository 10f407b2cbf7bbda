package org.mltrace.collector.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mltrace.collector.Progress;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.alert.AlertNotifier;
import org.mltrace.collector.artifact.ArtifactStore;
import org.mltrace.collector.artifact.SnapshotCopier;
import org.mltrace.collector.evaluation.TriggerEngine;
import org.mltrace.collector.evaluation.TriggerRegistry;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.retention.QueueRetention;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;
import org.mltrace.collector.trigger.TriggerResultsListener;

/**
 * The facade {@code mltrace collect} uses: opens (creating and migrating) the database, then drains
 * queues into it.
 */
public final class Collector implements AutoCloseable {
  /**
   * Entries per transaction. 2,000 since runs are one row plus their pointers (V025): against 500,
   * 1.4-1.6 times the runs/s on H2 and PostgreSQL in the same session (docs/performance.md); with a
   * row per value, 500 had measured best.
   */
  static final int BATCH_SIZE = 2000;

  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final String jdbcUrl;
  private final Database database;
  private final JdbcIngestStore store;
  private QueueRetention retention = QueueRetention.disabled();
  private SnapshotCopier snapshots; // null: no artifact snapshots
  private TriggerEngine triggers; // null: triggers are not evaluated
  private Progress progress = Progress.NONE;
  private Consumer<List<AlertEvent>> taskAlerts = alerts -> {};

  private Collector(String jdbcUrl, Database database) {
    this.jdbcUrl = jdbcUrl;
    this.database = database;
    this.store = new JdbcIngestStore(database);
  }

  /**
   * Opens the database at {@code jdbcUrl}, creating an H2 file database if missing.
   *
   * @throws org.mltrace.collector.store.StoreException if it cannot be opened or migrated
   */
  public static Collector open(String jdbcUrl) {
    return new Collector(jdbcUrl, Database.open(jdbcUrl, Database.Access.CREATE));
  }

  /**
   * Evaluates the declared triggers of stored runs with a {@link TriggerEngine} on its own
   * connection: in the background while {@link #follow} runs, and on {@link #evaluateTriggers}.
   *
   * @throws org.mltrace.collector.store.StoreException if the engine's connection cannot be opened
   */
  public Collector evaluatingTriggers(
      TriggerRegistry registry, TriggerEngine.Settings settings, TriggerResultsListener listener) {
    this.triggers = TriggerEngine.open(jdbcUrl, registry, settings, listener, Clock.systemUTC());
    return this;
  }

  /**
   * Evaluates the triggers of every run still pending, those of the runs drained so far included,
   * and returns how many runs that was; 0 without {@link #evaluatingTriggers}.
   */
  public long evaluateTriggers() {
    if (triggers == null) {
      return 0;
    }
    try {
      return triggers.evaluateAllPending();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return triggers.evaluatedRuns();
    }
  }

  /**
   * How many runs' trigger results were stored, one line; null without triggers or when no run had
   * any.
   */
  public String triggerSummary() {
    if (triggers == null) {
      return null;
    }
    long pending = triggers.pendingCount();
    if (triggers.evaluatedRuns() == 0 && pending == 0) {
      return null;
    }
    return "evaluated the triggers of "
        + triggers.evaluatedRuns()
        + (triggers.evaluatedRuns() == 1 ? " run" : " runs")
        + (pending > 0 ? ", " + pending + " still pending" : "");
  }

  /**
   * Tells {@code progress} how far {@link #drain} got: the entries it will store (counted first,
   * from the stored positions) and each committed batch.
   */
  public Collector reportingTo(Progress progress) {
    this.progress = progress;
    return this;
  }

  /**
   * Sends the alerts that tasks' SLAs open or resolve (stored with the batch that evaluated them)
   * to {@code notifier}'s sinks once the batch commits.
   */
  public Collector notifyingTaskAlerts(AlertNotifier notifier) {
    this.taskAlerts = alerts -> alerts.forEach(notifier::submit);
    return this;
  }

  /** Deletes drained queue files older than {@code keep}; see {@link QueueRetention}. */
  public Collector retainingQueues(Duration keep) {
    this.retention = QueueRetention.keeping(keep, Clock.systemUTC());
    return this;
  }

  /**
   * Copies the files of {@code snapshot: true} variables into the content-addressed store in {@code
   * dir}, skipping files over {@code maxBytes}; see {@link SnapshotCopier}.
   */
  public Collector snapshottingTo(Path dir, long maxBytes) {
    this.snapshots =
        new SnapshotCopier(database, new ArtifactStore(dir), maxBytes, Clock.systemUTC());
    return this;
  }

  /** The artifact snapshots taken so far and the store's use, one line; null when none taken. */
  public String artifactSummary() {
    if (snapshots == null || !snapshots.stats().any()) {
      return null;
    }
    String usage;
    try {
      ArtifactStore.Usage u = snapshots.store().usage();
      usage = u.files() + " files (" + u.bytes() / 1024 + " KiB)";
    } catch (java.io.IOException e) {
      usage = "unknown (" + e.getMessage() + ")";
    }
    return "artifact snapshots: "
        + snapshots.stats().summary()
        + "; the store "
        + snapshots.store().root()
        + " holds "
        + usage;
  }

  /** What the queue retention deleted so far, one line, for the summary. */
  public String retentionSummary() {
    return retention.summary();
  }

  /** True when the queue retention deleted something. */
  public boolean retentionDeletedAnything() {
    return retention.deletedAnything();
  }

  /** The database URL, password masked, for messages. */
  public String databaseUrl() {
    return database.displayUrl();
  }

  /**
   * Drains what the queues under {@code queueDir} hold now ({@link QueueDiscovery}: the directory
   * itself if it is a queue, and each subdirectory that is one), one after the other, each from its
   * own stored position. Then applies the queue retention to each (see {@link #retainingQueues}).
   *
   * @throws QueueException if the directory is missing or a queue unreadable
   * @throws org.mltrace.collector.store.StoreException if the database fails; batches committed
   *     before stay committed
   */
  public DrainResult drain(Path queueDir) {
    Path dir = queueDir.toAbsolutePath().normalize();
    List<Path> queues = QueueDiscovery.find(dir);
    if (progress != Progress.NONE) {
      long unread =
          QueueBacklog.totalUnread(QueueBacklog.of(dir, id -> store.lastIndex(id).orElse(-1)));
      progress.start("collect", "entries", unread);
    }
    try {
      return drain(queues);
    } finally {
      progress.finish();
    }
  }

  private DrainResult drain(List<Path> queues) {
    DrainResult total = DrainResult.NONE;
    for (Path queue : queues) {
      String queueId;
      try (QueueDrainer drainer =
          new QueueDrainer(store, queue, BATCH_SIZE, Clock.systemUTC(), taskAlerts)) {
        total = total.plus(drainer.drainAvailable(progress));
        queueId = drainer.queueId();
      }
      QueueAftercare aftercare = aftercare();
      aftercare.afterBatch(queue, queueId);
      if (aftercare.sweep(queue, queueId).finished()) {
        aftercare.remove(queue);
      }
    }
    return total;
  }

  /**
   * Follows the queues under {@code queueDir} until stopped; see {@link QueueFollower}. With {@link
   * #evaluatingTriggers}, the engine runs meanwhile on its own thread.
   */
  public DrainResult follow(Path queueDir, BooleanSupplier stopRequested) {
    if (triggers != null) {
      triggers.start(POLL_INTERVAL);
    }
    return new QueueFollower(
            store, queueDir, BATCH_SIZE, POLL_INTERVAL, Clock.systemUTC(), aftercare(), taskAlerts)
        .follow(stopRequested);
  }

  private QueueAftercare aftercare() {
    return new QueueAftercare(store, retention, snapshots);
  }

  @Override
  public void close() {
    if (triggers != null) {
      triggers.close();
    }
    if (snapshots != null) {
      snapshots.close();
    }
    database.close();
  }
}
