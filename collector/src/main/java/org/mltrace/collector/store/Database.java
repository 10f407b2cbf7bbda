package org.mltrace.collector.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session with the mltrace database: a single JDBC connection, opened from a URL, with the
 * schema migrated. Commands are single-threaded, so one connection is all they need; it is reopened
 * if it breaks (a PostgreSQL restart while {@code collect} follows a queue).
 *
 * <p>Fails with {@link StoreException} when the URL is not JDBC, the server cannot be reached, or
 * (for {@link Access#EXISTING}) an H2 file database does not exist yet.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Whether opening may create an H2 file database that does not exist yet. */
  public enum Access {
    /** Create the database (and its directory) if missing: for writers. */
    CREATE,
    /** Refuse a missing H2 file database instead of creating an empty one: for readers. */
    EXISTING,
    /**
     * As {@link #EXISTING}, for a command that answers a query and exits: an H2 file is opened
     * without background compaction ({@code AUTO_COMPACT_FILL_RATE=0} unless the URL sets it),
     * which rewrote pages of a large file at every open and close (2.5-4 s of each command on a 350
     * MB database). Writers keep it, so the file stays compact where it grows.
     */
    QUERY
  }

  private final JdbcUrl url;
  private final String effectiveUrl;
  private Connection connection;
  private BackgroundStatements background; // created on first use
  private Connection pinned;

  private Database(JdbcUrl url, Access access) {
    this.url = url;
    this.effectiveUrl = url.effective(access == Access.QUERY);
  }

  /**
   * Connects to {@code jdbcUrl} and applies pending migrations.
   *
   * @throws StoreException if the database cannot be opened or migrated
   */
  public static Database open(String jdbcUrl, Access access) {
    keepH2ServerLocal();
    JdbcUrl url = JdbcUrl.parse(jdbcUrl);
    Optional<Path> h2File = url.h2File();
    if (h2File.isPresent()) {
      prepareH2File(url, h2File.get(), access);
    }
    Database db = new Database(url, access);
    db.connection(); // fail fast, with the driver's own message, before Flyway wraps it
    try {
      db.migrate(access);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /**
   * Applies pending migrations. H2 commits each DDL statement on its own, so a collector killed
   * while it created a new H2 database left part of a schema that no migration could finish ("table
   * already exists"), and every later start failed. A writer that finds the schema broken and the
   * database holding no data starts the schema again; a database with data is never touched.
   */
  private void migrate(Access access) {
    migrateOrRecreate(access);
    if (url.h2File().isPresent()) {
      try {
        H2KeyRepair.restoreMissingKeys(connection());
      } catch (SQLException e) {
        throw StoreException.of("restoring the primary keys of " + url, e);
      }
    }
  }

  private void migrateOrRecreate(Access access) {
    try {
      SchemaMigrator.migrate(url, effectiveUrl);
    } catch (StoreException e) {
      if (url.h2File().isEmpty()
          || access != Access.CREATE
          || !H2Schema.holdsNoData(connection())) {
        throw e;
      }
      log.warn(
          "{} holds a schema whose creation was interrupted and no data; creating it again ({})",
          url,
          e.getMessage());
      H2Schema.dropEverything(connection());
      SchemaMigrator.migrate(url, effectiveUrl);
    }
  }

  /**
   * The H2 server that {@code AUTO_SERVER=TRUE} starts would listen on all interfaces; bind it to
   * the loopback address instead, where the other mltrace processes on this host find it. Must run
   * before H2 reads its settings (the CLI calls it first thing); a value the user set is kept.
   */
  public static void keepH2ServerLocal() {
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  private static void prepareH2File(JdbcUrl url, Path file, Access access) {
    Path dataFile = file.resolveSibling(file.getFileName() + ".mv.db");
    if (access != Access.CREATE) {
      if (!Files.exists(dataFile)) {
        throw new StoreException(
            "no mltrace database at "
                + dataFile.toAbsolutePath().normalize()
                + " (collect into it first with 'mltrace collect --queue DIR', or pass --db)",
            null);
      }
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the database directory " + dir + ": " + e, e);
    }
  }

  /** True for PostgreSQL, false for H2. */
  public boolean isPostgres() {
    return url.isPostgres();
  }

  /** The URL as given, with any password masked. */
  public String displayUrl() {
    return url.masked();
  }

  /**
   * The session's connection, reconnecting if it was closed or broke.
   *
   * @throws StoreException if the database cannot be reached
   */
  public Connection connection() {
    if (pinned != null) {
      // Inside a UnitOfWork: a fresh connection would run the rest of its work outside the
      // transaction; a broken one fails its statements instead, and the work rolls back.
      return pinned;
    }
    try {
      if (connection != null && !connection.isClosed() && connection.isValid(5)) {
        return connection;
      }
      closeQuietly();
      connection = DriverManager.getConnection(effectiveUrl);
      if (isPostgres()) {
        withoutJit(connection);
      }
      return connection;
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a maintenance statement (an {@code ANALYZE}) on a connection of its own in the background;
   * skipped while the previous one still runs. {@link #close()} waits for it.
   */
  void runInBackground(String sql) {
    background().submit(sql);
  }

  synchronized BackgroundStatements background() {
    if (background == null) {
      background = new BackgroundStatements(effectiveUrl);
    }
    return background;
  }

  /**
   * While {@code c} is not null, {@link #connection()} returns it unchecked: see {@link
   * UnitOfWork}.
   */
  void pin(Connection c) {
    pinned = c;
  }

  /** Whether a {@link UnitOfWork} runs on the connection: its work must not commit. */
  boolean inUnitOfWork() {
    return pinned != null;
  }

  /**
   * PostgreSQL compiles a statement's expressions to machine code (JIT) when its estimated cost
   * passes {@code jit_above_cost}. The staleness look-ups' generic plans are estimated that high on
   * a 10-million-run history (a correlated sub-query per window) though they run in well under a
   * millisecond: each execution then spent 35-42 ms compiling, which made {@code trace} 121 ms and
   * {@code inspect} 53 ms there (docs/performance.md, queries). The collector's statements are
   * look-ups by index, which JIT does not speed up, so its sessions run without it.
   */
  private static void withoutJit(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET jit = off");
    }
  }

  @Override
  public void close() {
    BackgroundStatements b;
    synchronized (this) {
      b = background;
      background = null;
    }
    if (b != null) {
      b.close();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing {} failed", url, e);
    }
    connection = null;
  }
}
