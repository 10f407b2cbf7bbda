package org.mltrace.collector.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
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

  /** The database URL, password masked, for messages. */
  public String databaseUrl() {
    return database.displayUrl();
  }

  /** A drainer for the queue in {@code queueDir}; see {@link QueueDrainer}. */
  public QueueDrainer drainer(Path queueDir) {
    return new QueueDrainer(store, queueDir, BATCH_SIZE, POLL_INTERVAL, Clock.systemUTC());
  }

  /** Drains what the queue holds now; see {@link QueueDrainer#drainAvailable()}. */
  public DrainResult drain(Path queueDir) {
    return drainer(queueDir).drainAvailable();
  }

  /** Follows the queue until stopped; see {@link QueueDrainer#follow}. */
  public DrainResult follow(Path queueDir, BooleanSupplier stopRequested) {
    return drainer(queueDir).follow(stopRequested);
  }

  @Override
  public void close() {
    database.close();
  }
}
