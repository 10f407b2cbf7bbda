package org.mltrace.collector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.DatabaseProbe;
import org.mltrace.collector.store.JdbcGraphStore;

/**
 * The collector's throughput: writes N synthetic runs into a fresh queue ({@link SyntheticRuns}),
 * then drains it with the real {@code collect --once} path (decoding, one transaction per batch of
 * 500, dependency inference) into the database, and measures the drain alone.
 */
public final class IngestBench {
  private IngestBench() {}

  /**
   * What one bench measured. {@code compactedBytes}: the H2 file once compacted ({@link
   * DatabaseProbe#h2CompactedBytes}), -1 on PostgreSQL.
   */
  public record Result(
      long runs,
      double seconds,
      long eventBytes,
      long databaseBytes,
      long compactedBytes,
      long dependencies) {
    public double runsPerSecond() {
      return runs / seconds;
    }
  }

  /**
   * @param queueDir an empty or missing directory for the queue
   * @throws org.mltrace.collector.store.StoreException if the database fails
   */
  public static Result run(String jdbcUrl, Path queueDir, int runs) {
    long eventBytes = SyntheticRuns.write(queueDir.resolve("bench"), runs);
    DrainResult r;
    double seconds;
    try (Collector collector = Collector.open(jdbcUrl)) {
      long t0 = System.nanoTime();
      r = collector.drain(queueDir);
      seconds = (System.nanoTime() - t0) / 1e9;
    }
    long dependencies;
    long bytes;
    try (Database db = Database.open(jdbcUrl, Database.Access.EXISTING)) {
      dependencies = new JdbcGraphStore(db).dependencyCount();
      bytes = db.isPostgres() ? DatabaseProbe.postgresTableBytes(db) : h2FileSize(jdbcUrl);
    }
    long compacted = DatabaseProbe.h2CompactedBytes(jdbcUrl);
    return new Result(r.runs(), seconds, eventBytes, bytes, compacted, dependencies);
  }

  /** The size of the H2 file of a {@code jdbc:h2:file:PATH[;...]} URL, or -1 for another kind. */
  private static long h2FileSize(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:file:")) {
      return -1;
    }
    String path = jdbcUrl.substring("jdbc:h2:file:".length()).split(";")[0];
    try {
      return Files.size(Path.of(path + ".mv.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
