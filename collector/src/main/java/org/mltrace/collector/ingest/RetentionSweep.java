package org.mltrace.collector.ingest;

import java.nio.file.Path;
import org.mltrace.collector.retention.QueueRetention;
import org.mltrace.collector.retention.SweepResult;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One retention sweep of one queue, from the position the database has committed for it. */
final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

  private RetentionSweep() {}

  /**
   * Sweeps {@code dir}; a queue Chronicle cannot open is logged and left alone (the drain reports
   * it too).
   *
   * @throws StoreException if the position cannot be read: the caller's outage handling applies
   */
  static SweepResult sweep(QueueRetention retention, IngestStore store, Path dir, String queueId) {
    long stored = store.lastIndex(queueId).orElse(-1);
    try {
      return retention.sweep(dir, stored);
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("retention skipped the queue {} this time: {}", dir, e.toString());
      log.debug("retention failure", e);
      return SweepResult.NONE;
    }
  }
}
