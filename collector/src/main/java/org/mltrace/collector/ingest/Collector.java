package org.mltrace.collector.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.mltrace.collector.artifact.ArtifactStore;
import org.mltrace.collector.artifact.SnapshotCopier;
import org.mltrace.collector.retention.QueueRetention;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcIngestStore;

/**
 * The facade {@code mltrace collect} uses: opens (creating and migrating) the database, then drains
 * queues into it.
 */
public final class Collector implements AutoCloseable {
  static final int BATCH_SIZE = 500;
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final Database database;
  private final JdbcIngestStore store;
  private QueueRetention retention = QueueRetention.disabled();
  private SnapshotCopier snapshots; // null: no artifact snapshots

  private Collector(Database database) {
    this.database = database;
    this.store = new JdbcIngestStore(database);
  }

  /**
   * Opens the database at {@code jdbcUrl}, creating an H2 file database if missing.
   *
   * @throws org.mltrace.collector.store.StoreException if it cannot be opened or migrated
   */
  public static Collector open(String jdbcUrl) {
    return new Collector(Database.open(jdbcUrl, Database.Access.CREATE));
  }

  /** Deletes drained queue files older than {@code keep}; see {@link QueueRetention}. */
  public Collector retainingQueues(Duration keep) {
    this.retention = QueueRetention.keeping(keep, Clock.systemUTC());
    return this;
  }

  /**
   * Copies the files of {@code snapshot: true} variables into the content-addressed store in
   * {@code dir}, skipping files over {@code maxBytes}; see {@link SnapshotCopier}.
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
    DrainResult total = DrainResult.NONE;
    for (Path queue : QueueDiscovery.find(queueDir.toAbsolutePath().normalize())) {
      String queueId;
      try (QueueDrainer drainer = new QueueDrainer(store, queue, BATCH_SIZE, Clock.systemUTC())) {
        total = total.plus(drainer.drainAvailable());
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

  /** Follows the queues under {@code queueDir} until stopped; see {@link QueueFollower}. */
  public DrainResult follow(Path queueDir, BooleanSupplier stopRequested) {
    return new QueueFollower(
            store, queueDir, BATCH_SIZE, POLL_INTERVAL, Clock.systemUTC(), aftercare())
        .follow(stopRequested);
  }

  private QueueAftercare aftercare() {
    return new QueueAftercare(store, retention, snapshots);
  }

  @Override
  public void close() {
    if (snapshots != null) {
      snapshots.close();
    }
    database.close();
  }
}
