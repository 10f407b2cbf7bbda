package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.mltrace.agent.event.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IngestStore} over plain JDBC, for H2 and PostgreSQL alike. */
public final class JdbcIngestStore implements IngestStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcIngestStore.class);

  private static final long H2_CHECKPOINT_NANOS = 1_000_000_000L;

  private final Database database;
  private long lastCheckpoint = System.nanoTime();
  private long batchesCommitted;
  private long nextAnalyzeAt = 2;
  private final KeyBlocks keyBlocks = new KeyBlocks();
  private final SharedRowKeys<ValueTemplate> templateKeys =
      new SharedRowKeys<>(ValueTemplate.TABLE);
  private final SharedRowKeys<RunOrigin> originKeys = new SharedRowKeys<>(RunOrigin.TABLE);
  private final SharedRowKeys<PointerKind> kindKeys = new SharedRowKeys<>(PointerKind.TABLE);

  public JdbcIngestStore(Database database) {
    this.database = database;
  }

  @Override
  public OptionalLong lastIndex(String queueId) {
    Connection c = database.connection();
    try {
      c.setAutoCommit(true);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT last_index FROM ingest_positions WHERE queue_id = ?")) {
        ps.setString(1, queueId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("reading the position of queue " + queueId, e);
    }
  }

  @Override
  public <T> T inTransaction(Function<IngestTransaction, T> work) {
    Connection c = database.connection();
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw StoreException.of("starting a transaction", e);
    }
    try (JdbcIngestTransaction tx =
        new JdbcIngestTransaction(
            c,
            SqlDialect.of(database.isPostgres()),
            keyBlocks,
            templateKeys,
            originKeys,
            kindKeys)) {
      tx.lockForIngest();
      T result = work.apply(tx);
      tx.closeStatements();
      c.commit();
      tx.committed();
      checkpointH2(c);
      analyzePostgresWhileGrowing();
      return result;
    } catch (SQLException e) {
      rollback(c);
      throw StoreException.of("committing", e);
    } catch (RuntimeException | Error e) {
      rollback(c);
      throw e;
    }
  }

  @Override
  public PreparedRuns prepare(List<RunEvent> runs) {
    return PreparedRuns.of(runs, SqlDialect.of(database.isPostgres()));
  }

  @Override
  public boolean mayKeepRowsOfLostTransactions() {
    return !database.isPostgres();
  }

  @Override
  public boolean repairAfter(StoreException failure) {
    if (database.isPostgres()) {
      return false;
    }
    Optional<String> table = H2KeyRepair.violatedChildTable(failure);
    if (table.isEmpty()) {
      return false;
    }
    try {
      H2KeyRepair.rebuildKey(database.connection(), table.get());
      return true;
    } catch (SQLException e) {
      throw StoreException.of("rebuilding the primary key of " + table.get(), e);
    }
  }

  /**
   * H2 writes committed transactions to its file from a background thread that, while a busy
   * collector commits batch after batch, can fall many seconds behind: a collector killed then lost
   * every batch of its last seconds (with their positions, so they were redone, never duplicated).
   * A CHECKPOINT at most every {@link #H2_CHECKPOINT_NANOS} bounds that loss.
   */
  private void checkpointH2(Connection c) {
    if (database.isPostgres() || System.nanoTime() - lastCheckpoint < H2_CHECKPOINT_NANOS) {
      return;
    }
    lastCheckpoint = System.nanoTime();
    try {
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("CHECKPOINT");
      }
    } catch (SQLException e) {
      log.debug("H2 checkpoint failed; the background writer will store the data", e);
    }
  }

  /**
   * PostgreSQL plans the dependency look-ups from table statistics. A fresh schema has none, and
   * without autovacuum (or before it wakes) it never gets any: the planner then joined every run
   * for each look-up and ingest slowed quadratically, to 100 runs/s at 50,000 runs. So the
   * collector analyzes the run tables itself after 2, 8, 32, ... committed batches, in the
   * background ({@link Database#runInBackground}).
   */
  private void analyzePostgresWhileGrowing() {
    if (!database.isPostgres() || ++batchesCommitted < nextAnalyzeAt) {
      return;
    }
    nextAnalyzeAt = batchesCommitted * 4;
    // Only the columns the look-ups filter and join on: the whole tables took 0.3-0.6 s at 20,000
    // runs (the value arrays most of it). Autovacuum analyzes the rest. In the background, on a
    // connection of its own: the next batches need not wait for it.
    database.runInBackground(
        "ANALYZE "
            + SqlDialect.POSTGRES.runTable()
            + " (id, run_key, component, start_time, end_time),"
            + " run_read_keys (run_key, pointer_key),"
            + " run_write_keys (run_key, pointer_key, end_time),"
            + " run_dependency_keys (run_key, depends_on_run_key, pointer_key),"
            + " pointer_rows (identifier, pointer_key)");
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }
}
