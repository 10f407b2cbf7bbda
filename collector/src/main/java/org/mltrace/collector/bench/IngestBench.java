package org.mltrace.collector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.StoreException;

/**
 * The collector's throughput: writes N synthetic runs into a fresh queue ({@link SyntheticRuns}),
 * then drains it with the real {@code collect --once} path (decoding, one transaction per batch of
 * 500, dependency inference) into the database, and measures the drain alone.
 */
public final class IngestBench {
  private IngestBench() {}

  /** What one bench measured. */
  public record Result(
      long runs, double seconds, long eventBytes, long databaseBytes, long dependencies) {
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
    try (Database db = Database.open(jdbcUrl, Database.Access.EXISTING)) {
      long dependencies = number(db, "SELECT COUNT(*) FROM run_dependencies");
      long bytes =
          db.isPostgres()
              ? number(
                  db,
                  "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c"
                      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                      + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")
              : h2FileSize(jdbcUrl);
      return new Result(r.runs(), seconds, eventBytes, bytes, dependencies);
    }
  }

  private static long number(Database db, String sql) {
    try (Statement st = db.connection().createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("bench query failed: " + e.getMessage(), e);
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
