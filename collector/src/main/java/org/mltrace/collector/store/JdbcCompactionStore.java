package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The statements of {@code mltrace compact}, on the runs it lists in {@code compaction_batch}: what
 * to remove, the day aggregates that keep their counts ({@link DayAggregates}), the deletes, and
 * the record of the compaction. Used inside the compaction's {@link UnitOfWork} (under the ingest
 * lock), on that unit's connection. Every method throws {@link StoreException} when the database
 * fails.
 */
public final class JdbcCompactionStore {
  /** Run ids bound per {@code IN (...)} statement. */
  private static final int CHUNK = 500;

  private final Database database;

  public JdbcCompactionStore(Database database) {
    this.database = database;
  }

  /** Empties the batch, then lists in it the runs that started before {@code cutoff}. */
  public long batchRunsStartedBefore(Instant cutoff) {
    clearBatch();
    return SqlRows.update(
        database,
        "selecting the runs started before " + cutoff,
        "INSERT INTO compaction_batch (run_id) SELECT id FROM component_runs WHERE start_time < ?",
        cutoff);
  }

  /** Empties the batch. */
  public void clearBatch() {
    SqlRows.update(database, "emptying compaction_batch", "DELETE FROM compaction_batch");
  }

  /** The number of flagged pointers some run wrote. */
  public long flaggedOutputs() {
    return count(
        "SELECT COUNT(*) FROM io_pointers p WHERE p.flag"
            + " AND EXISTS (SELECT 1 FROM run_write_keys o WHERE o.pointer_key = p.pointer_key)");
  }

  /** The runs that wrote a flagged pointer. */
  public List<String> flaggedWriters() {
    return SqlRows.query(
        database,
        "reading the writers of flagged outputs",
        "SELECT DISTINCT r.id FROM io_pointers p"
            + " JOIN run_write_keys o ON o.pointer_key = p.pointer_key"
            + " JOIN component_runs r ON r.run_key = o.run_key WHERE p.flag",
        rs -> rs.getString(1));
  }

  /** The runs that {@code runs} depend on, each once per chunk of {@value #CHUNK}. */
  public List<String> upstreamOf(List<String> runs) {
    List<String> upstream = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(runs, CHUNK)) {
      if (chunk.isEmpty()) {
        continue;
      }
      upstream.addAll(
          SqlRows.query(
              database,
              "reading the lineage of flagged outputs",
              "SELECT DISTINCT u.id FROM component_runs r"
                  + " JOIN run_dependency_keys d ON d.run_key = r.run_key"
                  + " JOIN component_runs u ON u.run_key = d.depends_on_run_key WHERE r.id IN ("
                  + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              rs -> rs.getString(1),
              chunk.toArray()));
    }
    return upstream;
  }

  /** Takes {@code keep} out of the batch; returns how many of them were in it. */
  public long unbatch(Collection<String> keep) {
    long kept = 0;
    for (List<String> chunk : AnyOf.chunks(new ArrayList<>(keep), CHUNK)) {
      if (!chunk.isEmpty()) {
        kept +=
            SqlRows.update(
                database,
                "keeping the lineage of flagged outputs",
                "DELETE FROM compaction_batch WHERE run_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                    + ")",
                chunk.toArray());
      }
    }
    return kept;
  }

  /** Adds the batch's run counts by component and day; returns the rows written. */
  public long foldRuns() {
    return update("folding runs into component_days", DayAggregates::foldRuns);
  }

  /** Adds the batch's numeric values and summaries by day; returns the rows written. */
  public long foldValues() {
    return update("folding values into component_day_values", DayAggregates::foldValues);
  }

  /**
   * The value summaries the batch's runs hold (arrays of the run rows, V025; templates and entries
   * on PostgreSQL, V052).
   */
  public long summariesInBatch() {
    return countInBatch("value_summaries", 13);
  }

  public long inputsInBatch() {
    return countInBatch("input_values", 8);
  }

  public long outputsInBatch() {
    return countInBatch("output_values", 8);
  }

  /** The entries of {@code array} in the batch's runs, divided by the entries of one. */
  private long countInBatch(String array, int perEntry) {
    return count(
        "SELECT COALESCE(SUM(CARDINALITY("
            + SqlDialect.of(database.isPostgres()).entries("r." + array)
            + ") / "
            + perEntry
            + "), 0) FROM component_runs r"
            + SqlDialect.of(database.isPostgres()).valuesJoin("r")
            + " WHERE EXISTS (SELECT 1 FROM compaction_batch b WHERE b.run_id = r.id)");
  }

  public long deleteSamples() {
    return deleteBatched("run_value_samples", "run_id");
  }

  /**
   * Deletes the dependency links from or to the batch's runs. Two deletes, not one with {@code
   * run_key IN (batch) OR depends_on_run_key IN (batch)}: H2 cannot use an index for that OR. A
   * link between two removed runs goes with the first, so the sum counts each removed link once, as
   * the OR did.
   */
  public long deleteDependencies() {
    return deleteBatchedByKey("run_dependency_keys", "run_key")
        + deleteBatchedByKey("run_dependency_keys", "depends_on_run_key");
  }

  /**
   * The artifact-snapshot rows of the batch's runs. The stored files stay: other runs may share
   * them (the store is content-addressed), and deleting files is left to the operator.
   */
  public long deleteArtifactSnapshots() {
    return deleteBatched("artifact_snapshots", "run_id");
  }

  /**
   * The pointer rows have no key by run (V047): each of these deletes reads the whole table once,
   * which for a compaction (an operator's occasional command, often of most of the history) costs
   * less than finding each run's rows by pointer.
   */
  public long deleteReads() {
    return deleteBatchedByKey("run_read_keys", "run_key");
  }

  public long deleteWrites() {
    return deleteBatchedByKey("run_write_keys", "run_key");
  }

  /**
   * Deletes the batch's runs, taking them off the run counts. Last of the deletes: the link rows
   * name runs by key, which the batch finds through the run rows.
   */
  public long deleteRuns() {
    update(
        "counting the runs a compaction removes",
        c -> {
          JdbcRunCountStore.removed(c, JdbcRunCountStore.inCompactionBatch(c));
          return 0;
        });
    return deleteBatched(SqlDialect.of(database.isPostgres()).runTable(), "id");
  }

  /**
   * Deletes the rows of {@code table} whose {@code column} names a run in the batch.
   *
   * <p>A correlated EXISTS, not {@code column IN (SELECT run_id FROM compaction_batch)}: inside the
   * compaction's transaction H2 re-runs an IN subquery for every row the DELETE visits (each
   * deleted row invalidates its cached result), which made one delete take minutes on 10,000 runs;
   * the EXISTS is one primary-key probe of compaction_batch per row. PostgreSQL runs it as a
   * semi-join.
   */
  private long deleteBatched(String table, String column) {
    String sql =
        "DELETE FROM "
            + table
            + " WHERE EXISTS (SELECT 1 FROM compaction_batch b WHERE b.run_id = "
            + table
            + "."
            + column
            + ")";
    return SqlRows.update(database, "deleting from " + table, sql);
  }

  /**
   * Deletes the rows of {@code table} whose {@code keyColumn} holds the key of a run in the batch
   * (the link tables, V048): per row, a probe of the run keys' unique index, then of the batch's
   * primary key, as {@link #deleteBatched} does with one.
   */
  private long deleteBatchedByKey(String table, String keyColumn) {
    String sql =
        "DELETE FROM "
            + table
            + " WHERE EXISTS (SELECT 1 FROM component_runs r JOIN compaction_batch b"
            + " ON b.run_id = r.id WHERE r.run_key = "
            + table
            + "."
            + keyColumn
            + ")";
    return SqlRows.update(database, "deleting from " + table, sql);
  }

  /**
   * Deletes the alerts resolved before the cutoff. Their opening and resolving runs are at least as
   * old, so nothing newer refers to them; an open alert is kept at any age.
   */
  public long deleteResolvedAlerts(Instant cutoff) {
    return SqlRows.update(
        database,
        "deleting resolved alerts",
        "DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?",
        cutoff);
  }

  public long openAlertsBefore(Instant cutoff) {
    return SqlRows.query(
            database,
            "counting open alerts",
            "SELECT COUNT(*) FROM alerts WHERE status = 'open' AND opened_at < ?",
            rs -> rs.getLong(1),
            cutoff)
        .get(0);
  }

  /** Records a compaction that removed runs. */
  public void recordCompaction(
      Instant ranAt, Instant cutoff, long runsRemoved, long runsKeptLineage, long dependencies) {
    SqlRows.update(
        database,
        "recording the compaction",
        "INSERT INTO compactions (ran_at, cutoff, runs_removed, runs_kept_lineage,"
            + " dependencies_removed) VALUES (?, ?, ?, ?, ?)",
        ranAt,
        cutoff,
        runsRemoved,
        runsKeptLineage,
        dependencies);
  }

  public long components() {
    return count("SELECT COUNT(*) FROM components");
  }

  private long count(String sql) {
    return SqlRows.query(database, "counting", sql, rs -> rs.getLong(1)).get(0);
  }

  @FunctionalInterface
  private interface Step {
    long run(Connection c) throws SQLException;
  }

  private long update(String doing, Step step) {
    try {
      return step.run(database.connection());
    } catch (SQLException e) {
      throw StoreException.of(doing, e);
    }
  }
}
