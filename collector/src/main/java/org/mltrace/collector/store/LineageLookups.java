package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mltrace.collector.lineage.LineageIndex;
import org.mltrace.collector.lineage.LineageSnapshot;
import org.postgresql.PGStatement;

/**
 * The ingest transaction's look-ups of stored lineage: the snapshot a batch's links are resolved
 * against (the latest writers of the pointers it reads, the stored readers of those it writes), and
 * the single latest writer the resolution asks the database for when the snapshot cannot answer.
 * Writers are found through {@code run_write_keys} by pointer key (V048); ties on end time go to
 * the greater run id, as {@link LineageIndex} defines them.
 */
final class LineageLookups {
  private final StatementCache statements;
  private final SqlDialect dialect;
  private final BatchKeys keys;

  LineageLookups(StatementCache statements, SqlDialect dialect, BatchKeys keys) {
    this.statements = statements;
    this.dialect = dialect;
    this.keys = keys;
  }

  /**
   * Pointers per statement of the stored readers' look-up on PostgreSQL: a batch's written pointers
   * in one statement. The statement is planned for each execution (see {@link #consumersOf}), and
   * the planning, not the look-up, was most of its cost in the bench: 1.5-2.5 ms against 0.01 ms
   * for each chunk of {@link AnyOf#CHUNK}, four a batch. The pointers are a semi-join over {@code
   * unnest} rather than {@code = ANY}, whose planning estimates each element of the array: for
   * 4,000 pointers 2.5 ms against 4.3-7.8 ms (docs/performance.md, session 18).
   */
  private static final int CONSUMER_CHUNK = 10_000;

  /** See {@link IngestTransaction#lineageSnapshot}. */
  LineageSnapshot snapshot(
      Collection<String> readPointers,
      Collection<String> writtenPointers,
      Instant consumersStartedAtOrAfter,
      int producersPerPointer) {
    try {
      List<LineageSnapshot.ProducerRow> producers =
          latestProducers(readPointers, producersPerPointer);
      List<LineageSnapshot.ConsumerRow> consumers = new ArrayList<>();
      List<String> written = new ArrayList<>(writtenPointers);
      List<List<String>> chunks =
          dialect == SqlDialect.POSTGRES
              ? AnyOf.chunks(written, CONSUMER_CHUNK)
              : AnyOf.chunks(dialect, written);
      for (List<String> chunk : chunks) {
        PreparedStatement select = consumersOf();
        // end_time >= start_time for every stored run (the decoder refuses the others), so the
        // redundant end_time bound changes no answer; it lets the database find the consumers
        // through the end-time index instead of every reader of the pointer, which for a model
        // file every inference run reads grew with the history (a sequential scan of the runs on
        // PostgreSQL at 400,000 runs: 400 ms per batch, against 25 ms). Each such run's inputs
        // come from its own arrays (the run_inputs view): run_reads has no key by run (V047), and
        // probing its pointer index with the chunk's pointers (1,000 on PostgreSQL) for each run of
        // the window took 2.1 s per statement on a 2,000,000-run history (against 0.3 s this way).
        AnyOf.bind(select, 1, chunk);
        Jdbc.setTime(select, 2, consumersStartedAtOrAfter);
        Jdbc.setTime(select, 3, consumersStartedAtOrAfter);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            consumers.add(
                new LineageSnapshot.ConsumerRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Jdbc.time(rs, "start_time"),
                    rs.getString(5),
                    Jdbc.time(rs, "end_time")));
          }
        }
      }
      return new LineageSnapshot(producers, consumers, producersPerPointer);
    } catch (SQLException ex) {
      throw StoreException.of("looking up the lineage of a batch", ex);
    }
  }

  /**
   * The stored readers, within a window of start times, of any of a chunk of pointers, each with
   * the run it already depends on through that pointer (or nulls).
   *
   * <p>On PostgreSQL the dependency is a lateral look-up by the consumer's key, so that it is
   * always a probe of {@code run_dependency_keys}' primary key: as a join, the planner, which
   * cannot estimate how many inputs the view expands a run into, scanned the whole table for every
   * batch (11 ms a statement at 100,000 runs, growing with the history). And the statement is
   * planned for each execution's window ({@code setPrepareThreshold(0)}: no server-prepared
   * statement), as the plan made once for any window read every run (50-140 ms a statement at
   * 100,000 runs, the ingest's largest cost under load; docs/performance.md, session 14).
   */
  private PreparedStatement consumersOf() throws SQLException {
    if (dialect == SqlDialect.POSTGRES) {
      PreparedStatement select =
          statements.get(
              "SELECT i.pointer_id, i.fingerprint, r.id, r.start_time,"
                  + " x.id AS depends_on_run_id, x.end_time"
                  + " FROM component_runs r JOIN run_inputs i ON i.run_id = r.id"
                  + " LEFT JOIN LATERAL (SELECT p.id, p.end_time FROM io_pointers ip"
                  + " JOIN run_dependency_keys d ON d.pointer_key = ip.pointer_key"
                  + " JOIN component_runs p ON p.run_key = d.depends_on_run_key"
                  + " WHERE ip.identifier = i.pointer_id AND d.run_key = r.run_key OFFSET 0) x"
                  + " ON TRUE"
                  + " WHERE "
                  + dialect.identifierIn("i.pointer_id")
                  + " AND r.start_time >= ? AND r.end_time >= ?");
      select.unwrap(PGStatement.class).setPrepareThreshold(0);
      return select;
    }
    return statements.get(
        "SELECT i.pointer_id, i.fingerprint, r.id, r.start_time,"
            + " p.id AS depends_on_run_id, p.end_time"
            + " FROM component_runs r JOIN run_inputs i ON i.run_id = r.id"
            + " LEFT JOIN io_pointers ip ON ip.identifier = i.pointer_id"
            + " LEFT JOIN run_dependency_keys d"
            + " ON d.run_key = r.run_key AND d.pointer_key = ip.pointer_key"
            + " LEFT JOIN component_runs p ON p.run_key = d.depends_on_run_key"
            + " WHERE i.pointer_id = ANY(?) AND r.start_time >= ? AND r.end_time >= ?");
  }

  /** Pointers per statement of {@link #latestProducers}; the last chunk is padded with nulls. */
  private static final int PRODUCER_CHUNK = 64;

  /**
   * The latest {@code perPointer} output rows of each pointer, newest first, ties on end time to
   * the greater run id: one look-up per pointer walking the (pointer, end time) index, so the cost
   * does not grow with how often a pointer was written (a window over all its writers did). The
   * index orders ties by run key, not run id, so each look-up takes every row ending no earlier
   * than its {@code perPointer}-th newest, and the ties are cut here.
   */
  private List<LineageSnapshot.ProducerRow> latestProducers(
      Collection<String> pointers, int perPointer) throws SQLException {
    keys.lookUpPointers(pointers);
    Map<Long, String> stored = new HashMap<>();
    for (String pointer : pointers) {
      Long key = keys.knownPointer(pointer);
      if (key != null) {
        stored.put(key, pointer);
      }
    }
    List<LineageSnapshot.ProducerRow> rows = new ArrayList<>();
    if (dialect == SqlDialect.POSTGRES) {
      latestProducersLateral(stored, perPointer, rows);
    } else {
      latestProducersUnion(stored, perPointer, rows);
    }
    rows.sort(
        Comparator.comparing(LineageSnapshot.ProducerRow::pointer)
            .thenComparing(LineageSnapshot.ProducerRow::end, Comparator.reverseOrder())
            .thenComparing(LineageSnapshot.ProducerRow::runId, Comparator.reverseOrder()));
    List<LineageSnapshot.ProducerRow> newest = new ArrayList<>(rows.size());
    int taken = 0;
    for (int i = 0; i < rows.size(); i++) {
      taken = i > 0 && rows.get(i).pointer().equals(rows.get(i - 1).pointer()) ? taken + 1 : 0;
      if (taken < perPointer) {
        newest.add(rows.get(i));
      }
    }
    return newest;
  }

  /**
   * {@code run_write_keys} as {@code alias}, read through its (pointer_key, end_time DESC, run_key
   * DESC) index (V048). The ORDER BY of a query on it names pointer_key first, so H2 sees the
   * index's order (it matches sort columns from an index's first column on).
   */
  private String writesNewestFirst(String alias) {
    return dialect == SqlDialect.H2
        ? "run_write_keys " + alias + " USE INDEX (run_write_keys_by_pointer_end)"
        : "run_write_keys " + alias;
  }

  /**
   * The condition on a {@code run_write_keys} row {@code x} of pointer key {@code pointer} (an SQL
   * expression) that it ended no earlier than the pointer's {@code perPointer}-th newest row of a
   * stored run. A row of a killed H2's lost transaction names a key no run has: counted here, it
   * would take a place among the newest and make the snapshot look complete with fewer producers.
   */
  private String amongNewest(String pointer, int perPointer) {
    return " x.end_time >= (SELECT MIN(t.end_time) FROM (SELECT y.end_time FROM "
        + writesNewestFirst("y")
        + " WHERE y.pointer_key = "
        + pointer
        + " AND EXISTS (SELECT 1 FROM component_runs s WHERE s.run_key = y.run_key)"
        + " ORDER BY y.pointer_key, y.end_time DESC LIMIT "
        + perPointer
        + ") t)";
  }

  /**
   * PostgreSQL: the same look-up per pointer, for up to {@link AnyOf#CHUNK} pointers in one
   * statement ({@code LATERAL}): 64 pointers a statement cost a round trip and the planning of a
   * 64-way {@code UNION ALL} each, 0.6 s of a 20,000-run bench's 6 s.
   */
  private void latestProducersLateral(
      Map<Long, String> pointers, int perPointer, List<LineageSnapshot.ProducerRow> into)
      throws SQLException {
    // Each row's run id is a subquery, not a join: PostgreSQL cannot estimate how many rows the
    // end-time bound leaves, guessed a third of a popular pointer's writers, and hash-joined them
    // with every run (a sequential scan of component_runs per batch).
    PreparedStatement select =
        statements.get(
            "SELECT w.pointer_key, w.fingerprint,"
                + " (SELECT r.id FROM component_runs r WHERE r.run_key = w.run_key) AS id,"
                + " w.end_time"
                + " FROM unnest(CAST(? AS BIGINT[])) AS p(pointer_key) CROSS JOIN LATERAL"
                + " (SELECT x.pointer_key, x.fingerprint, x.run_key, x.end_time"
                + " FROM run_write_keys x WHERE x.pointer_key = p.pointer_key AND"
                + amongNewest("p.pointer_key", perPointer)
                + ") w");
    List<Long> all = new ArrayList<>(pointers.keySet());
    for (int from = 0; from < all.size(); from += AnyOf.CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + AnyOf.CHUNK));
      select.setArray(1, statements.connection().createArrayOf("BIGINT", chunk.toArray()));
      readProducers(select, pointers, into);
    }
  }

  private static void readProducers(
      PreparedStatement select, Map<Long, String> pointers, List<LineageSnapshot.ProducerRow> into)
      throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(3) == null) {
          continue; // a lost transaction's row (see amongNewest)
        }
        into.add(
            new LineageSnapshot.ProducerRow(
                pointers.get(rs.getLong(1)),
                rs.getString(2),
                rs.getString(3),
                Jdbc.time(rs, "end_time")));
      }
    }
  }

  /** H2 (no LATERAL): a {@code UNION ALL} of {@link #PRODUCER_CHUNK} subqueries per statement. */
  private void latestProducersUnion(
      Map<Long, String> pointers, int perPointer, List<LineageSnapshot.ProducerRow> into)
      throws SQLException {
    String one =
        "(SELECT x.pointer_key, x.fingerprint, r.id, x.end_time FROM "
            + writesNewestFirst("x")
            + " JOIN component_runs r ON r.run_key = x.run_key WHERE x.pointer_key = ? AND"
            + amongNewest("?", perPointer)
            + ")";
    PreparedStatement select =
        statements.get(String.join(" UNION ALL ", Collections.nCopies(PRODUCER_CHUNK, one)));
    List<Long> all = new ArrayList<>(pointers.keySet());
    for (int from = 0; from < all.size(); from += PRODUCER_CHUNK) {
      for (int i = 0; i < PRODUCER_CHUNK; i++) {
        // A null key matches no row: padding keeps one statement for every chunk.
        if (from + i < all.size()) {
          select.setLong(2 * i + 1, all.get(from + i));
          select.setLong(2 * i + 2, all.get(from + i));
        } else {
          select.setNull(2 * i + 1, Types.BIGINT);
          select.setNull(2 * i + 2, Types.BIGINT);
        }
      }
      readProducers(select, pointers, into);
    }
  }

  /** See {@link LineageIndex#latestProducer}. */
  Optional<LineageIndex.Producer> latestProducer(
      String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
    try {
      keys.lookUpPointers(List.of(pointerId));
      Long pointer = keys.knownPointer(pointerId);
      if (pointer == null) {
        return Optional.empty();
      }
      // First the latest end time, walking the (pointer, end time) index; then, among the rows
      // ending then, the greatest run id (the index orders those by run key). Two statements
      // each for a fingerprint or none rather than "? IS NULL OR ...": PostgreSQL cannot type a
      // bare null parameter.
      String matching =
          " FROM "
              + writesNewestFirst("x")
              + " JOIN component_runs r ON r.run_key = x.run_key"
              + " WHERE x.pointer_key = ? AND x.end_time <= ? AND r.id <> ?"
              + (fingerprint == null ? "" : " AND (x.fingerprint IS NULL OR x.fingerprint = ?)");
      PreparedStatement latest =
          statements.get(
              "SELECT x.end_time" + matching + " ORDER BY x.pointer_key, x.end_time DESC LIMIT 1");
      bindProducer(latest, pointer, endedAtOrBefore, excludedRunId, fingerprint);
      Instant end;
      try (ResultSet rs = latest.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        end = Jdbc.time(rs, "end_time");
      }
      PreparedStatement tied =
          statements.get("SELECT MAX(r.id)" + matching + " AND x.end_time = ?");
      int next = bindProducer(tied, pointer, endedAtOrBefore, excludedRunId, fingerprint);
      Jdbc.setTime(tied, next, end);
      try (ResultSet rs = tied.executeQuery()) {
        rs.next();
        return Optional.of(new LineageIndex.Producer(rs.getString(1), end));
      }
    } catch (SQLException ex) {
      throw StoreException.of("finding the producer of " + pointerId, ex);
    }
  }

  /** Binds {@link #latestProducer}'s conditions; returns the next parameter's index. */
  private static int bindProducer(
      PreparedStatement select,
      long pointer,
      Instant endedAtOrBefore,
      String excludedRunId,
      String fingerprint)
      throws SQLException {
    select.setLong(1, pointer);
    Jdbc.setTime(select, 2, endedAtOrBefore);
    Jdbc.setText(select, 3, excludedRunId);
    if (fingerprint == null) {
      return 4;
    }
    Jdbc.setText(select, 4, fingerprint);
    return 5;
  }
}
