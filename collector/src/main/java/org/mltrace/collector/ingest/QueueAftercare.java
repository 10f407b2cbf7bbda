package org.mltrace.collector.ingest;

import java.nio.file.Path;
import org.mltrace.collector.artifact.SnapshotCopier;
import org.mltrace.collector.retention.QueueRetention;
import org.mltrace.collector.retention.SweepResult;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a queue after its entries are committed, outside the ingest transaction: artifact
 * snapshots of the new runs ({@link SnapshotCopier}), then, from time to time, the retention of its
 * cycle files ({@link QueueRetention}), which keeps every cycle the copier has not read yet.
 */
final class QueueAftercare {
  private static final Logger log = LoggerFactory.getLogger(QueueAftercare.class);

  private final IngestStore store;
  private final QueueRetention retention;
  private final SnapshotCopier snapshots; // null: no snapshots taken

  QueueAftercare(IngestStore store, QueueRetention retention, SnapshotCopier snapshots) {
    this.store = store;
    this.retention = retention;
    this.snapshots = snapshots;
  }

  static QueueAftercare none(IngestStore store) {
    return new QueueAftercare(store, QueueRetention.disabled(), null);
  }

  /**
   * Takes the snapshots of what was committed from the queue.
   *
   * @throws StoreException if the database fails
   */
  void afterBatch(Path dir, String queueId) {
    if (snapshots != null) {
      snapshots.catchUp(dir, queueId, store.lastIndex(queueId).orElse(-1));
    }
  }

  /**
   * Applies the retention to the queue; a queue Chronicle cannot open is logged and left alone.
   *
   * @return what was deleted; {@code finished()}: close the drainer, then call {@link #remove}
   * @throws StoreException if a position cannot be read: the caller's outage handling applies
   */
  SweepResult sweep(Path dir, String queueId) {
    long stored = store.lastIndex(queueId).orElse(-1);
    if (snapshots != null) {
      stored = Math.min(stored, snapshots.position(queueId));
    }
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

  /** Removes a finished queue; its drainer is closed. */
  void remove(Path dir) {
    if (snapshots != null) {
      snapshots.forget(dir);
    }
    retention.removeQueue(dir);
  }
}
