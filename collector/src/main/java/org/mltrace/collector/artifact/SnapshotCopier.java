package org.mltrace.collector.artifact;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.MalformedEventException;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.queue.QueueEntry;
import org.mltrace.collector.queue.QueueReader;
import org.mltrace.collector.store.ArtifactSnapshot;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcArtifactStore;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the files of values marked {@code snapshot: true} into the {@link ArtifactStore}, after
 * their runs are committed.
 *
 * <h2>Design</h2>
 *
 * <p>The ingest path stays untouched: the copier reads each queue with its own tailer, only up to
 * the index the ingest has committed, so every run it sees is already stored (a snapshot is never
 * taken for a run that could still be rolled back). Its own position per queue is kept in {@code
 * artifact_positions} and written in the same transaction as the {@code artifact_snapshots} rows of
 * the entries it covers; a crash between copying a file and committing copies it again, which the
 * content-addressed store turns into a duplicate, not a second copy. The copy runs on the
 * collector's thread, right after each committed batch, never in the application.
 *
 * <p>Most batches carry no value marked for a snapshot. For those the ingest moves this position
 * along in its own transaction while the copier is caught up ({@link
 * org.mltrace.collector.store.IngestTransaction#passSnapshotPosition}), and the copier has nothing
 * to read: reading, decoding and committing each 500 entries again had cost a serving-rate queue
 * four extra commits per ingest batch.
 *
 * <p>A file is copied only if it is still the version the run saw: when its modification time
 * differs from the one the agent recorded, the snapshot is recorded as {@code changed} and skipped
 * (copying a later version would restore the wrong model). Files larger than the limit are {@code
 * too_large}; vanished ones {@code missing}; directories and in-memory pointers {@code not_a_file}.
 * Skips are counted and listed, never silent.
 */
public final class SnapshotCopier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotCopier.class);
  private static final int BATCH = 500;

  private final Database database;
  private final JdbcArtifactStore snapshots;
  private final ArtifactStore store;
  private final long maxBytes;
  private final Clock clock;
  private final String host = localHost();
  private final Map<Path, QueueReader> readers = new HashMap<>();
  private final SnapshotStats stats = new SnapshotStats();

  /**
   * @param maxBytes files larger than this are not copied (counted as {@code too_large})
   */
  public SnapshotCopier(Database database, ArtifactStore store, long maxBytes, Clock clock) {
    this.database = database;
    this.snapshots = new JdbcArtifactStore(database);
    this.store = store;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  public ArtifactStore store() {
    return store;
  }

  public SnapshotStats stats() {
    return stats;
  }

  /**
   * The index up to which the queue's snapshots are taken, -1 when none: queue retention keeps the
   * cycles after it.
   */
  public long position(String queueId) {
    return snapshots.position(queueId).orElse(-1);
  }

  /**
   * Takes the snapshots of every entry of the queue in {@code dir} after this copier's position and
   * up to {@code storedIndex}, the ingest's committed position.
   *
   * @throws StoreException if the database fails; what was committed stays
   */
  public void catchUp(Path dir, String queueId, long storedIndex) {
    long position = position(queueId);
    QueueReader idle = readers.get(dir);
    if (idle != null && idle.position() != position) {
      // The ingest moved the position past what this reader read: it would keep its cycle file
      // open after the retention deletes it. Opened again when there is something to read.
      forget(dir);
    }
    while (position < storedIndex) {
      QueueReader reader = readers.computeIfAbsent(dir, QueueReader::open);
      if (reader.position() != position) {
        reader.positionAfter(position);
      }
      long from = position;
      long last;
      try {
        last =
            UnitOfWork.run(
                database,
                UnitOfWork.Lock.NONE,
                UnitOfWork.End.COMMIT,
                "recording the artifact snapshots of " + queueId,
                () -> {
                  long through = from;
                  for (QueueEntry e : reader.read(BATCH, storedIndex)) {
                    snapshotsOf(e.bytes());
                    through = e.index();
                  }
                  if (through != from) {
                    snapshots.savePosition(queueId, through, clock.instant());
                  }
                  return through;
                });
      } catch (StoreException e) {
        readers.remove(dir).close(); // re-read from the committed position next time
        throw e;
      }
      if (last == position) {
        return; // entries up to storedIndex were deleted or are not readable yet
      }
      position = last;
    }
  }

  /** Closes the reader of a queue about to be removed. */
  public void forget(Path dir) {
    QueueReader r = readers.remove(dir);
    if (r != null) {
      r.close();
    }
  }

  private void snapshotsOf(byte[] data) {
    Event event;
    try {
      event = EventCodec.decode(data);
    } catch (MalformedEventException e) {
      return; // the ingest dead-lettered it
    }
    if (!(event instanceof RunEvent run)) {
      return;
    }
    for (CapturedValue v : run.inputs()) {
      if (v.snapshot()) {
        snapshot(run, "input", v);
      }
    }
    for (CapturedValue v : run.outputs()) {
      if (v.snapshot()) {
        snapshot(run, "output", v);
      }
    }
  }

  private void snapshot(RunEvent run, String direction, CapturedValue v) {
    if (!snapshots.wanted(run.runId(), direction, v.name())) {
      return;
    }
    Taken t = take(v);
    stats.count(t.status(), t.size() == null ? 0 : t.size());
    if (t.status().equals("stored")) {
      log.info(
          "snapshot of {} {} of run {}: stored {} ({} bytes) in {}",
          direction,
          v.name(),
          run.runId(),
          t.hash(),
          t.size(),
          store.root());
    } else if (t.status().equals("duplicate")) {
      log.debug(
          "snapshot of {} {} of run {}: already stored as {}",
          direction,
          v.name(),
          run.runId(),
          t.hash());
    } else {
      log.info(
          "snapshot of {} {} of run {} skipped: {} ({})",
          direction,
          v.name(),
          run.runId(),
          t.status(),
          t.detail());
    }
    snapshots.insert(
        new ArtifactSnapshot(
            run.runId(),
            direction,
            v.name(),
            v.text(),
            t.status(),
            t.hash(),
            t.size(),
            host,
            store.root().toString(),
            t.detail(),
            clock.instant()));
  }

  private record Taken(String status, String hash, Long size, String detail) {}

  private Taken take(CapturedValue v) {
    Path file;
    try {
      file =
          v.text() == null || !v.text().startsWith("/") && !isWindowsPath(v.text())
              ? null
              : Path.of(v.text());
    } catch (RuntimeException e) {
      file = null;
    }
    if (file == null) {
      return new Taken("not_a_file", null, null, "the pointer is not a file path: " + v.text());
    }
    try {
      if (!Files.exists(file)) {
        return new Taken("missing", null, null, "no file at " + file + " any more");
      }
      if (!Files.isRegularFile(file)) {
        return new Taken("not_a_file", null, null, file + " is not a regular file");
      }
      if (v.file() != null && v.file().modifiedEpochMillis() >= 0) {
        long now = Files.getLastModifiedTime(file).toMillis();
        if (now != v.file().modifiedEpochMillis()) {
          return new Taken(
              "changed",
              null,
              Files.size(file),
              "modified at "
                  + Instant.ofEpochMilli(now)
                  + " after the run saw it at "
                  + Instant.ofEpochMilli(v.file().modifiedEpochMillis()));
        }
      }
      ArtifactStore.PutResult r = store.put(file, maxBytes);
      return switch (r.outcome()) {
        case STORED -> new Taken("stored", r.hash(), r.size(), null);
        case DUPLICATE -> new Taken("duplicate", r.hash(), r.size(), null);
        case TOO_LARGE ->
            new Taken(
                "too_large", null, r.size(), "larger than the limit of " + maxBytes + " bytes");
      };
    } catch (IOException | RuntimeException e) {
      return new Taken("failed", null, null, e.toString());
    }
  }

  private static boolean isWindowsPath(String s) {
    return s.length() > 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':';
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    readers.values().forEach(QueueReader::close);
    readers.clear();
  }
}
