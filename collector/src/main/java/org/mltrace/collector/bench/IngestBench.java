package org.mltrace.collector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mltrace.collector.Progress;
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
   * DatabaseProbe#h2CompactedBytes}), -1 on PostgreSQL. {@code laterEntries} and {@code
   * laterSeconds}: the entries committed after half of them were, and the time they took. {@code
   * jvmCpuNanos}, {@code jitCpuNanos}, {@code databaseCpuNanos}: the CPU the drain used in this
   * JVM, in its JIT compilers (part of the JVM's), and in a local PostgreSQL's backends; -1 if
   * unknown ({@link DrainCpu}).
   */
  public record Result(
      long runs,
      double seconds,
      long eventBytes,
      long databaseBytes,
      long compactedBytes,
      long dependencies,
      long laterEntries,
      double laterSeconds,
      long jvmCpuNanos,
      long jitCpuNanos,
      long databaseCpuNanos) {
    public double runsPerSecond() {
      return runs / seconds;
    }

    /**
     * The rate of the drain's second half: a fresh JVM spends the first seconds compiling the
     * ingest path (and H2's), which a collector that runs for days pays once.
     */
    public double laterEntriesPerSecond() {
      return laterSeconds > 0 ? laterEntries / laterSeconds : 0;
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
    long laterEntries;
    double laterSeconds;
    DrainCpu.Used cpu;
    try (DrainCpu meter = DrainCpu.forDatabase(jdbcUrl)) {
      HalfwayClock halfway = new HalfwayClock(meter);
      try (Collector collector = Collector.open(jdbcUrl).reportingTo(halfway)) {
        r = collector.drain(queueDir);
        seconds = halfway.seconds();
        laterEntries = halfway.laterEntries();
        laterSeconds = halfway.laterSeconds();
      }
      cpu = meter.used();
    }
    long dependencies;
    long bytes;
    try (Database db = Database.open(jdbcUrl, Database.Access.EXISTING)) {
      dependencies = new JdbcGraphStore(db).dependencyCount();
      bytes = db.isPostgres() ? DatabaseProbe.postgresTableBytes(db) : h2FileSize(jdbcUrl);
    }
    long compacted = DatabaseProbe.h2CompactedBytes(jdbcUrl);
    return new Result(
        r.runs(),
        seconds,
        eventBytes,
        bytes,
        compacted,
        dependencies,
        laterEntries,
        laterSeconds,
        cpu.jvmNanos(),
        cpu.jitNanos(),
        cpu.databaseNanos());
  }

  /**
   * Times the drain from its start, once the collector has counted the entries to store (which
   * reading the queue through once costs, and a drain without progress reporting does not do), to
   * its end, and notes when half of the entries were committed.
   */
  private static final class HalfwayClock implements Progress {
    private final DrainCpu cpu;
    private long total;
    private long done;
    private long doneAtHalf = -1;
    private long startAt;
    private long halfAt;
    private long endAt;

    HalfwayClock(DrainCpu cpu) {
      this.cpu = cpu;
    }

    @Override
    public void start(String task, String unit, long total) {
      this.total = total;
      cpu.start();
      startAt = System.nanoTime();
      endAt = startAt;
    }

    @Override
    public void advance(long entries) {
      done += entries;
      endAt = System.nanoTime();
      if (doneAtHalf < 0 && done * 2 >= total) {
        doneAtHalf = done;
        halfAt = endAt;
      }
    }

    @Override
    public void finish() {
      endAt = System.nanoTime();
      cpu.stop();
    }

    double seconds() {
      return (endAt - startAt) / 1e9;
    }

    long laterEntries() {
      return doneAtHalf < 0 ? 0 : done - doneAtHalf;
    }

    double laterSeconds() {
      return doneAtHalf < 0 ? 0 : (endAt - halfAt) / 1e9;
    }
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
