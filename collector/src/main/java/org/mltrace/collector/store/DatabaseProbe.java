package org.mltrace.collector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.InfoResult;

/**
 * Looks at a database for {@code mltrace doctor} without changing it: no H2 file is created, no
 * migration applied (Flyway's {@code info} only reads its history table), nothing written.
 *
 * <p>Fails soft: whatever cannot be read is reported in the result, never thrown, so the doctor can
 * go on to the queues and say what to do about each problem.
 */
public final class DatabaseProbe {
  /** How long to wait for a server before calling it unreachable. */
  private static final int LOGIN_TIMEOUT_SECONDS = 5;

  /** What the probe saw; counts are -1 where they could not be read. */
  public record Result(
      String url,
      boolean postgres,
      Optional<Path> h2DataFile,
      String connectError,
      String currentVersion,
      String latestVersion,
      int pendingMigrations,
      String failedMigration,
      String futureVersion,
      long triggersPending,
      Instant oldestPendingTrigger,
      long deadLetters,
      Instant newestDeadLetter,
      long sizeBytes,
      Map<String, Long> positions) {

    public boolean reachable() {
      return connectError == null;
    }
  }

  private DatabaseProbe() {}

  public static Result probe(String jdbcUrl) {
    JdbcUrl url;
    try {
      url = JdbcUrl.parse(jdbcUrl);
    } catch (StoreException e) {
      return failed(jdbcUrl, false, Optional.empty(), e.getMessage());
    }
    Optional<Path> dataFile =
        url.h2File()
            .map(f -> f.toAbsolutePath().normalize())
            .map(f -> f.resolveSibling(f.getFileName() + ".mv.db"));
    if (dataFile.isPresent() && !Files.isRegularFile(dataFile.get())) {
      return failed(url.masked(), false, dataFile, "no mltrace database at " + dataFile.get());
    }
    DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    try (Connection c = DriverManager.getConnection(url.effective())) {
      return read(url, dataFile, c);
    } catch (SQLException | RuntimeException e) {
      return failed(url.masked(), url.isPostgres(), dataFile, oneLine(e.getMessage()));
    }
  }

  /**
   * The size of an H2 file database once H2 has rewritten it with its live data only ({@code
   * SHUTDOWN COMPACT}), or -1 for another kind of database. The file as a burst of commits leaves
   * it also holds the storage each commit replaced, which H2 keeps for its {@code RETENTION_TIME}
   * (45 s) and a running collector then writes over: an amount that follows the rate of writing,
   * not the number of runs stored. Closes the database; nothing else may have it open.
   *
   * @throws StoreException if the database fails
   */
  public static long h2CompactedBytes(String jdbcUrl) {
    JdbcUrl url = JdbcUrl.parse(jdbcUrl);
    Optional<Path> file = url.h2File().map(f -> f.resolveSibling(f.getFileName() + ".mv.db"));
    if (file.isEmpty()) {
      return -1;
    }
    // Not through AUTO_SERVER: SHUTDOWN would reach another process that has the file open.
    String direct =
        jdbcUrl.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=")
            ? url.effective()
            : JdbcUrl.parse(jdbcUrl + ";AUTO_SERVER=FALSE").effective();
    try (Connection c = DriverManager.getConnection(direct);
        Statement st = c.createStatement()) {
      st.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      throw StoreException.of("compacting " + url.masked(), e);
    }
    try {
      return Files.size(file.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result read(JdbcUrl url, Optional<Path> dataFile, Connection c)
      throws SQLException {
    MigrationInfoService info =
        Flyway.configure(DatabaseProbe.class.getClassLoader())
            .dataSource(url.effective(), null, null)
            .locations(SchemaMigrator.locations(url))
            .load()
            .info();
    MigrationInfo current = info.current();
    InfoResult all = info.getInfoResult();
    String latest = null;
    String failed = null;
    String future = null;
    for (MigrationInfo m : info.all()) {
      if (m.getVersion() != null) {
        latest = m.getVersion().getVersion();
      }
      if (m.getState() == MigrationState.FAILED) {
        failed = m.getVersion() + " " + m.getDescription();
      }
      if (m.getState() == MigrationState.FUTURE_SUCCESS) {
        future = m.getVersion().getVersion();
      }
    }
    int pending = info.pending().length;
    boolean schema = current != null && all != null;
    Map<String, Long> positions = new HashMap<>();
    long pendingTriggers = -1;
    Instant oldestPending = null;
    long deadLetters = -1;
    Instant newestDead = null;
    if (schema) {
      try (Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT queue_id, last_index FROM ingest_positions")) {
          while (rs.next()) {
            positions.put(rs.getString(1), rs.getLong(2));
          }
        }
        try (ResultSet rs =
            st.executeQuery("SELECT COUNT(*), MAX(received_at) FROM dead_letters")) {
          rs.next();
          deadLetters = rs.getLong(1);
          newestDead = instant(rs.getObject(2, OffsetDateTime.class));
        }
        try (ResultSet rs =
            st.executeQuery("SELECT COUNT(*), MIN(enqueued_at) FROM trigger_pending")) {
          rs.next();
          pendingTriggers = rs.getLong(1);
          oldestPending = instant(rs.getObject(2, OffsetDateTime.class));
        } catch (SQLException e) {
          // trigger_pending comes with V013: an older schema has no pending triggers to count
        }
      }
    }
    return new Result(
        url.masked(),
        url.isPostgres(),
        dataFile,
        null,
        current == null ? null : current.getVersion().getVersion(),
        latest,
        pending,
        failed,
        future,
        pendingTriggers,
        oldestPending,
        deadLetters,
        newestDead,
        size(url, dataFile, c),
        Map.copyOf(positions));
  }

  private static long size(JdbcUrl url, Optional<Path> dataFile, Connection c) {
    try {
      if (dataFile.isPresent()) {
        return Files.size(dataFile.get());
      }
      if (url.isPostgres()) {
        return postgresTableBytes(c);
      }
    } catch (IOException | SQLException e) {
      // the size is a hint; unknown is reported as such
    }
    return -1;
  }

  /**
   * The bytes the tables of {@code database}'s current schema take with their indexes, on
   * PostgreSQL.
   *
   * @throws StoreException if the database fails
   */
  public static long postgresTableBytes(Database database) {
    try {
      return postgresTableBytes(database.connection());
    } catch (SQLException e) {
      throw StoreException.of("measuring the size of the tables", e);
    }
  }

  private static long postgresTableBytes(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  private static Result failed(
      String url, boolean postgres, Optional<Path> dataFile, String error) {
    return new Result(
        url, postgres, dataFile, error, null, null, 0, null, null, -1, null, -1, null, -1,
        Map.of());
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.strip().lines().findFirst().orElse("");
  }
}
