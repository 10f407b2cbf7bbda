package org.mltrace.collector.store;

import java.sql.Connection;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.CodeSourceEvent;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.StaleAfter;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.collector.lineage.BatchLineage;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.lineage.EventTimes;
import org.mltrace.collector.lineage.LineageIndex;
import org.mltrace.collector.lineage.LineageSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IngestTransaction} over one JDBC connection with auto-commit off. Prepared statements are
 * reused for the life of the transaction. Rows that several collectors may create at once
 * (components, pointers, agent stats, positions) are written update-then-insert-if-absent ({@link
 * SqlDialect#insertIfAbsent}) and updated again when the insert found the row created meanwhile, so
 * a race never fails a batch. On PostgreSQL the transaction first takes an advisory lock that
 * serializes the ingest transactions of all collectors: see {@link #lockForIngest()}.
 */
final class JdbcIngestTransaction implements IngestTransaction, AutoCloseable {
  /** Dead-letter payloads are cut to this size; the reason says so. */
  static final int MAX_PAYLOAD = 1_000_000;

  private static final Logger log = LoggerFactory.getLogger(JdbcIngestTransaction.class);

  private final StatementCache statements;
  private final RunRowWriter runs;
  private final BatchKeys keys;

  private final SqlDialect dialect;

  JdbcIngestTransaction(Connection connection, SqlDialect dialect, KeyBlocks keyBlocks) {
    this.statements = new StatementCache(connection);
    this.dialect = dialect;
    this.keys = new BatchKeys(statements, dialect, keyBlocks);
    this.runs = new RunRowWriter(statements, dialect, keys);
  }

  /**
   * On PostgreSQL, waits for the advisory lock all ingest transactions take, held until this one
   * ends. Two collectors (two hosts) storing at once would otherwise each miss the other's
   * uncommitted runs when inferring dependencies: a consumer stored by one and its producer by the
   * other, in overlapping transactions, would never be linked. Serialized, each transaction sees
   * every run committed before it. Reading, decoding and the agents are not slowed; H2 is one
   * collector's file and needs no lock.
   */
  void lockForIngest() throws SQLException {
    if (dialect == SqlDialect.POSTGRES) {
      PreparedStatement lock = ps("SELECT pg_advisory_xact_lock(?)");
      lock.setLong(1, SqlDialect.INGEST_LOCK_KEY);
      lock.execute();
    }
  }

  @Override
  public JdbcTaskStore tasks() {
    return new JdbcTaskStore(statements.connection());
  }

  /** For the repositories that write in this transaction (SLA alerts with task evaluations). */
  Connection connection() {
    return statements.connection();
  }

  boolean postgres() {
    return dialect == SqlDialect.POSTGRES;
  }

  @Override
  public void upsertCodeSource(CodeSourceEvent event, Instant now) {
    JdbcCodeSourceStore.upsert(statements.connection(), event, now);
  }

  @Override
  public void upsertComponent(ComponentEvent e, Instant now) {
    Long staleAfter = staleAfterSeconds(e);
    try {
      PreparedStatement update =
          ps(
              "UPDATE components SET description = ?, owner = ?, tags = ?,"
                  + " methods = ?, stale_after_seconds = ? WHERE name = ?");
      Jdbc.setText(update, 1, e.description());
      Jdbc.setText(update, 2, e.owner());
      Jdbc.setText(update, 3, String.join(",", e.tags()));
      Jdbc.setText(update, 4, String.join("\n", e.methods()));
      Jdbc.setLong(update, 5, staleAfter);
      Jdbc.setText(update, 6, e.name());
      if (update.executeUpdate() == 0) {
        PreparedStatement insert =
            ps(
                dialect.insertIfAbsent(
                    "components",
                    "name",
                    "name VARCHAR",
                    "description VARCHAR",
                    "owner VARCHAR",
                    "tags VARCHAR",
                    "methods VARCHAR",
                    "first_seen TIMESTAMP WITH TIME ZONE",
                    "stale_after_seconds BIGINT"));
        Jdbc.setText(insert, 1, e.name());
        Jdbc.setText(insert, 2, e.description());
        Jdbc.setText(insert, 3, e.owner());
        Jdbc.setText(insert, 4, String.join(",", e.tags()));
        Jdbc.setText(insert, 5, String.join("\n", e.methods()));
        Jdbc.setTime(insert, 6, now);
        Jdbc.setLong(insert, 7, staleAfter);
        if (insert.executeUpdate() == 0) {
          update.executeUpdate(); // created meanwhile by another collector: declare it now
        }
      }
      replaceTriggers(e);
    } catch (SQLException ex) {
      throw StoreException.of("storing component " + e.name(), ex);
    }
  }

  /**
   * The declaration's {@code stale_after} in seconds, or null for the default. The agent checked
   * the syntax; a value it let through that this collector cannot read is logged and stored as the
   * default rather than failing the batch.
   */
  private static Long staleAfterSeconds(ComponentEvent e) {
    if (e.staleAfter() == null) {
      return null;
    }
    try {
      return StaleAfter.seconds(e.staleAfter());
    } catch (IllegalArgumentException ex) {
      log.warn(
          "component {}: stale_after must be {}; using the default", e.name(), ex.getMessage());
      return null;
    }
  }

  /** The latest declaration wins: the component's rows are replaced, one batch for all. */
  private void replaceTriggers(ComponentEvent e) throws SQLException {
    PreparedStatement delete = ps("DELETE FROM component_triggers WHERE component = ?");
    Jdbc.setText(delete, 1, e.name());
    delete.executeUpdate();
    if (e.triggers().isEmpty()) {
      return;
    }
    PreparedStatement insert =
        ps(
            "INSERT INTO component_triggers (component, phase, position, trigger_name,"
                + " user_trigger, args, alert, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    Map<String, Integer> positions = new HashMap<>();
    for (TriggerDecl t : e.triggers()) {
      Jdbc.setText(insert, 1, e.name());
      Jdbc.setText(insert, 2, t.phase());
      insert.setInt(3, positions.merge(t.phase(), 1, Integer::sum) - 1);
      Jdbc.setText(insert, 4, t.name());
      insert.setBoolean(5, t.user());
      Jdbc.setText(insert, 6, TriggerArgsJson.write(t.args()));
      if (t.alert() == null) {
        insert.setNull(7, Types.BOOLEAN);
      } else {
        insert.setBoolean(7, t.alert());
      }
      Jdbc.setText(insert, 8, t.source());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  @Override
  public List<RunEvent> withoutStored(List<RunEvent> batch) {
    return runs.withoutStored(batch);
  }

  @Override
  public void insertRuns(List<RunEvent> fresh, Instant now, Runnable beforeOutputRows) {
    runs.insertAll(fresh, now, beforeOutputRows);
    JdbcRunCountStore.added(statements.connection(), fresh);
  }

  @Override
  public int removeOrphanRows(List<RunEvent> runs) {
    List<String> runIds = runs.stream().map(RunEvent::runId).toList();
    int removed = 0;
    try {
      for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(runIds))) {
        PreparedStatement delete =
            ps(
                "DELETE FROM run_value_samples WHERE run_id = ANY(?)"
                    + " AND run_id NOT IN (SELECT id FROM component_runs WHERE id = ANY(?))");
        AnyOf.bind(delete, 1, chunk);
        AnyOf.bind(delete, 2, chunk);
        removed += delete.executeUpdate();
      }
      removed += removeOrphanPointerRows("run_read_keys", runs, true);
      removed += removeOrphanPointerRows("run_write_keys", runs, false);
      return removed;
    } catch (SQLException ex) {
      throw StoreException.of("removing orphan rows", ex);
    }
  }

  /**
   * The pointer rows of a lost transaction name run keys that no stored run has (V048: the key of a
   * run is drawn when it is stored, so the run stored again gets another). Only H2 keeps such rows
   * (a PostgreSQL transaction leaves none), and each delete stays within a range of an index rather
   * than walk every reader or writer of a popular pointer: a write row by its pointer and its run's
   * end, a read row by its pointer and a key above every stored run's (a collector draws keys in
   * increasing order, so the runs it committed before its lost transaction have smaller ones). What
   * the bounds miss (keys below a run stored since, by another collector on the same file or after
   * a restart) stays: every reader joins these rows to their runs, and the lineage look-ups count
   * only stored runs' rows. A lost transaction's dependency rows are left for the same reason:
   * nothing keys on them but a run key no run will have again.
   */
  private int removeOrphanPointerRows(String table, List<RunEvent> runs, boolean inputs)
      throws SQLException {
    if (dialect == SqlDialect.POSTGRES) {
      return 0;
    }
    List<String> pointers = new ArrayList<>();
    for (RunEvent run : runs) {
      for (CapturedValue v : inputs ? run.inputs() : run.outputs()) {
        String pointer = RunRowWriter.pointerOf(v);
        if (pointer != null) {
          pointers.add(pointer);
        }
      }
    }
    keys.lookUpPointers(pointers);
    PreparedStatement delete =
        ps(
            "DELETE FROM "
                + table
                + " WHERE pointer_key = ? AND "
                + (inputs
                    ? "run_key > (SELECT COALESCE(MAX(run_key), 0) FROM component_runs)"
                    : "end_time = ?")
                + " AND NOT EXISTS (SELECT 1 FROM component_runs r WHERE r.run_key = "
                + table
                + ".run_key)");
    Set<String> seen = new HashSet<>();
    boolean any = false;
    for (RunEvent run : runs) {
      Instant end = EventTimes.ofEpochMicros(run.endEpochMicros());
      for (CapturedValue v : inputs ? run.inputs() : run.outputs()) {
        String pointer = RunRowWriter.pointerOf(v);
        Long key = pointer == null ? null : keys.knownPointer(pointer);
        if (key == null || !seen.add(inputs ? pointer : pointer + "@" + end)) {
          continue;
        }
        delete.setLong(1, key);
        if (!inputs) {
          Jdbc.setTime(delete, 2, end);
        }
        delete.addBatch();
        any = true;
      }
    }
    int removed = 0;
    if (any) {
      for (int n : delete.executeBatch()) {
        removed += Math.max(n, 0);
      }
    }
    return removed;
  }

  @Override
  public void writeLinks(BatchLineage.Links links) {
    try {
      List<String> runIds = new ArrayList<>();
      List<String> pointerIds = new ArrayList<>();
      for (Dependency d : links.replacing()) {
        runIds.add(d.runId());
        pointerIds.add(d.pointerId());
      }
      for (Dependency d : links.links()) {
        runIds.add(d.runId());
        runIds.add(d.dependsOnRunId());
        pointerIds.add(d.pointerId());
      }
      keys.lookUpRuns(runIds);
      keys.lookUpPointers(pointerIds);
      List<long[]> replacing = keyed(links.replacing(), false);
      List<long[]> linked = keyed(links.links(), true);
      if (!replacing.isEmpty()) {
        PreparedStatement delete =
            ps("DELETE FROM run_dependency_keys WHERE run_key = ? AND pointer_key = ?");
        for (long[] d : replacing) {
          delete.setLong(1, d[0]);
          delete.setLong(2, d[1]);
          delete.addBatch();
        }
        delete.executeBatch();
      }
      if (!linked.isEmpty() && dialect == SqlDialect.POSTGRES) {
        PostgresRowCopy.copyIn(
            statements.connection(),
            "run_dependency_keys (run_key, pointer_key, depends_on_run_key)",
            3,
            copy -> {
              for (long[] d : linked) {
                copy.row().int8(d[0]).int8(d[1]).int8(d[2]);
              }
            });
      } else if (!linked.isEmpty()) {
        PreparedStatement insert =
            ps(
                "INSERT INTO run_dependency_keys (run_key, pointer_key, depends_on_run_key)"
                    + " VALUES (?, ?, ?)");
        for (long[] d : linked) {
          insert.setLong(1, d[0]);
          insert.setLong(2, d[1]);
          insert.setLong(3, d[2]);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    } catch (SQLException ex) {
      throw StoreException.of("linking " + links.links().size() + " dependencies", ex);
    }
  }

  /**
   * Each dependency as {run key, pointer key, producer's run key} (the last only {@code
   * withProducer}). A dependency whose run, pointer or producer has no key is left out: the lineage
   * look-up saw it stored, so it is gone since, deleted by a compaction or purge that committed
   * meanwhile, and no view could show a link to it.
   */
  private List<long[]> keyed(List<Dependency> dependencies, boolean withProducer) {
    List<long[]> rows = new ArrayList<>(dependencies.size());
    for (Dependency d : dependencies) {
      Long run = keys.knownRun(d.runId());
      Long pointer = keys.knownPointer(d.pointerId());
      Long producer = withProducer ? keys.knownRun(d.dependsOnRunId()) : Long.valueOf(0);
      if (run == null || pointer == null || producer == null) {
        log.debug("not linking {}: a run or pointer of it is no longer stored", d);
        continue;
      }
      rows.add(withProducer ? new long[] {run, pointer, producer} : new long[] {run, pointer});
    }
    return rows;
  }

  @Override
  public LineageSnapshot lineageSnapshot(
      Collection<String> readPointers,
      Collection<String> writtenPointers,
      Instant consumersStartedAtOrAfter,
      int producersPerPointer) {
    try {
      List<LineageSnapshot.ProducerRow> producers =
          latestProducers(readPointers, producersPerPointer);
      List<LineageSnapshot.ConsumerRow> consumers = new ArrayList<>();
      for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(writtenPointers))) {
        PreparedStatement select =
            ps(
                "SELECT i.pointer_id, i.fingerprint, r.id, r.start_time,"
                    + " p.id AS depends_on_run_id, p.end_time"
                    + " FROM component_runs r JOIN run_inputs i ON i.run_id = r.id"
                    + " LEFT JOIN io_pointers ip ON ip.identifier = i.pointer_id"
                    + " LEFT JOIN run_dependency_keys d"
                    + " ON d.run_key = r.run_key AND d.pointer_key = ip.pointer_key"
                    + " LEFT JOIN component_runs p ON p.run_key = d.depends_on_run_key"
                    + " WHERE i.pointer_id = ANY(?) AND r.start_time >= ? AND r.end_time >= ?");
        // end_time >= start_time for every stored run (the decoder refuses the others), so the
        // redundant end_time bound changes no answer; it lets the database find the consumers
        // through the end-time index instead of every reader of the pointer, which for a model
        // file every inference run reads grew with the history (a sequential scan of the runs on
        // PostgreSQL at 400,000 runs: 400 ms per batch, against 25 ms). Each such run's inputs
        // come from its own arrays (the run_inputs view): run_reads has no key by run (V047), and
        // probing its pointer index with the chunk's pointers (1,000 on PostgreSQL) for each run of
        // the window
        // took 2.1 s per statement on a 2,000,000-run history (against 0.3 s this way).
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
        ps(
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
        ps(String.join(" UNION ALL ", Collections.nCopies(PRODUCER_CHUNK, one)));
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

  @Override
  public Optional<LineageIndex.Producer> latestProducer(
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
          ps("SELECT x.end_time" + matching + " ORDER BY x.pointer_key, x.end_time DESC LIMIT 1");
      bindProducer(latest, pointer, endedAtOrBefore, excludedRunId, fingerprint);
      Instant end;
      try (ResultSet rs = latest.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        end = Jdbc.time(rs, "end_time");
      }
      PreparedStatement tied = ps("SELECT MAX(r.id)" + matching + " AND x.end_time = ?");
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

  @Override
  public void upsertAgentStats(AgentStatsEvent e, Instant now) {
    if (upsertLatestStats(e, now)) {
      replaceHealth(e);
    }
    addUnrecorded(e);
  }

  /** Stores the report if it is the agent's latest; returns whether it was. */
  private boolean upsertLatestStats(AgentStatsEvent e, Instant now) {
    Instant reported = EventTimes.ofEpochMicros(e.epochMicros());
    try {
      PreparedStatement update =
          ps(
              "UPDATE agent_stats SET host = ?, pid = ?, reported_at = ?,"
                  + " events_written = ?, events_dropped = ?, internal_errors = ?, unmatched_methods = ?,"
                  + " received_at = ? WHERE agent_id = ? AND reported_at <= ?");
      Jdbc.setText(update, 1, e.host());
      update.setLong(2, e.pid());
      Jdbc.setTime(update, 3, reported);
      update.setLong(4, e.eventsWritten());
      update.setLong(5, e.eventsDropped());
      update.setLong(6, e.internalErrors());
      Jdbc.setText(update, 7, e.unmatchedMethods());
      Jdbc.setTime(update, 8, now);
      Jdbc.setText(update, 9, e.agentId());
      Jdbc.setTime(update, 10, reported);
      if (update.executeUpdate() > 0) {
        return true;
      }
      // No row, or a later report is already stored (then the insert does nothing).
      PreparedStatement insert =
          ps(
              dialect.insertIfAbsent(
                  "agent_stats",
                  "agent_id",
                  "agent_id VARCHAR",
                  "host VARCHAR",
                  "pid BIGINT",
                  "reported_at TIMESTAMP WITH TIME ZONE",
                  "events_written BIGINT",
                  "events_dropped BIGINT",
                  "internal_errors BIGINT",
                  "unmatched_methods VARCHAR",
                  "received_at TIMESTAMP WITH TIME ZONE"));
      Jdbc.setText(insert, 1, e.agentId());
      Jdbc.setText(insert, 2, e.host());
      insert.setLong(3, e.pid());
      Jdbc.setTime(insert, 4, reported);
      insert.setLong(5, e.eventsWritten());
      insert.setLong(6, e.eventsDropped());
      insert.setLong(7, e.internalErrors());
      Jdbc.setText(insert, 8, e.unmatchedMethods());
      Jdbc.setTime(insert, 9, now);
      return insert.executeUpdate() > 0
          || update.executeUpdate() > 0; // inserted meanwhile: keep the later of the two reports
    } catch (SQLException ex) {
      throw StoreException.of("storing the stats of agent " + e.agentId(), ex);
    }
  }

  /** The agent's failure counts by kind are totals: its latest report replaces the earlier. */
  private void replaceHealth(AgentStatsEvent e) {
    try {
      PreparedStatement delete = ps("DELETE FROM agent_health WHERE agent_id = ?");
      Jdbc.setText(delete, 1, e.agentId());
      delete.executeUpdate();
      if (e.health().isEmpty()) {
        return;
      }
      PreparedStatement insert =
          ps("INSERT INTO agent_health (agent_id, kind, count) VALUES (?, ?, ?)");
      for (NamedCount c : e.health()) {
        Jdbc.setText(insert, 1, e.agentId());
        Jdbc.setText(insert, 2, c.name());
        insert.setLong(3, c.count());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException ex) {
      throw StoreException.of("storing the health of agent " + e.agentId(), ex);
    }
  }

  /**
   * Unrecorded calls come as increments, each in exactly one stats event, so they are summed
   * whatever the order the reports arrive in.
   */
  private void addUnrecorded(AgentStatsEvent e) {
    try {
      for (NamedCount c : e.unrecorded()) {
        PreparedStatement update =
            ps(
                "UPDATE agent_unrecorded SET count = count + ?"
                    + " WHERE agent_id = ? AND component = ?");
        update.setLong(1, c.count());
        Jdbc.setText(update, 2, e.agentId());
        Jdbc.setText(update, 3, c.name());
        if (update.executeUpdate() == 0) {
          PreparedStatement insert =
              ps("INSERT INTO agent_unrecorded (agent_id, component, count) VALUES (?, ?, ?)");
          Jdbc.setText(insert, 1, e.agentId());
          Jdbc.setText(insert, 2, c.name());
          insert.setLong(3, c.count());
          insert.executeUpdate();
        }
      }
    } catch (SQLException ex) {
      throw StoreException.of("storing the unrecorded calls of agent " + e.agentId(), ex);
    }
  }

  @Override
  public void insertDeadLetter(
      String queueId, long queueIndex, String reason, byte[] payload, Instant now) {
    try {
      PreparedStatement insert =
          ps(
              "INSERT INTO dead_letters (queue_id, queue_index, reason,"
                  + " payload, received_at) VALUES (?, ?, ?, ?, ?)");
      Jdbc.setText(insert, 1, queueId);
      insert.setLong(2, queueIndex);
      if (payload == null) {
        Jdbc.setText(insert, 3, reason);
        insert.setNull(4, Types.BINARY);
      } else if (payload.length > MAX_PAYLOAD) {
        Jdbc.setText(insert, 3, reason + " (payload cut from " + payload.length + " bytes)");
        insert.setBytes(4, java.util.Arrays.copyOf(payload, MAX_PAYLOAD));
      } else {
        Jdbc.setText(insert, 3, reason);
        insert.setBytes(4, payload);
      }
      Jdbc.setTime(insert, 5, now);
      insert.executeUpdate();
    } catch (SQLException ex) {
      throw StoreException.of("storing a dead letter for index " + queueIndex, ex);
    }
  }

  @Override
  public void savePosition(String queueId, long lastIndex, Instant now) {
    try {
      PreparedStatement update =
          ps("UPDATE ingest_positions SET last_index = ?, updated_at = ? WHERE queue_id = ?");
      update.setLong(1, lastIndex);
      Jdbc.setTime(update, 2, now);
      Jdbc.setText(update, 3, queueId);
      if (update.executeUpdate() == 0
          && !insertPosition("ingest_positions", queueId, lastIndex, now)) {
        update.executeUpdate();
      }
    } catch (SQLException ex) {
      throw StoreException.of("saving the position of queue " + queueId, ex);
    }
  }

  @Override
  public void passSnapshotPosition(String queueId, long lastIndex, Instant now) {
    try {
      PreparedStatement update =
          ps(
              "UPDATE artifact_positions SET last_index = ?, updated_at = ? WHERE queue_id = ?"
                  + " AND last_index = (SELECT i.last_index FROM ingest_positions i"
                  + " WHERE i.queue_id = ?)");
      update.setLong(1, lastIndex);
      Jdbc.setTime(update, 2, now);
      Jdbc.setText(update, 3, queueId);
      Jdbc.setText(update, 4, queueId);
      if (update.executeUpdate() == 1 || !firstBatchOf(queueId)) {
        return;
      }
      // Neither has a position yet: both start at the end of this batch.
      insertPosition("artifact_positions", queueId, lastIndex, now);
    } catch (SQLException ex) {
      throw StoreException.of("moving the snapshot position of queue " + queueId, ex);
    }
  }

  /** Inserts a queue's row into a positions table unless it has one; true if inserted. */
  private boolean insertPosition(String table, String queueId, long lastIndex, Instant now)
      throws SQLException {
    PreparedStatement insert =
        ps(
            dialect.insertIfAbsent(
                table,
                "queue_id",
                "queue_id VARCHAR",
                "last_index BIGINT",
                "updated_at TIMESTAMP WITH TIME ZONE"));
    Jdbc.setText(insert, 1, queueId);
    insert.setLong(2, lastIndex);
    Jdbc.setTime(insert, 3, now);
    return insert.executeUpdate() == 1;
  }

  /** True when neither the ingest nor the snapshot copier has a position in the queue. */
  private boolean firstBatchOf(String queueId) throws SQLException {
    PreparedStatement select =
        ps(
            "SELECT (SELECT COUNT(*) FROM ingest_positions WHERE queue_id = ?)"
                + " + (SELECT COUNT(*) FROM artifact_positions WHERE queue_id = ?)");
    Jdbc.setText(select, 1, queueId);
    Jdbc.setText(select, 2, queueId);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() && rs.getLong(1) == 0;
    }
  }

  private PreparedStatement ps(String sql) throws SQLException {
    return statements.get(sql);
  }

  void closeStatements() throws SQLException {
    statements.close();
  }

  @Override
  public void close() {
    statements.closeQuietly();
  }
}
