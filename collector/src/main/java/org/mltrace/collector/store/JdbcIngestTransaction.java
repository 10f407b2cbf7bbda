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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final SqlDialect dialect;

  /** run_writes read through its (pointer_id, end_time DESC, run_id DESC) index (V025). */
  private final String outputsNewestFirst;

  JdbcIngestTransaction(Connection connection, SqlDialect dialect) {
    this.statements = new StatementCache(connection);
    this.dialect = dialect;
    // The ORDER BY of a query on it names pointer_id first, so H2 sees the index's order (it
    // matches sort columns from an index's first column on).
    this.outputsNewestFirst = dialect.readThrough("run_writes", "run_writes_by_pointer_end");
    this.runs = new RunRowWriter(statements, dialect);
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
        for (String table : List.of("run_dependencies", "run_value_samples")) {
          PreparedStatement delete =
              ps(
                  "DELETE FROM "
                      + table
                      + " WHERE run_id = ANY(?)"
                      + " AND run_id NOT IN (SELECT id FROM component_runs WHERE id = ANY(?))");
          AnyOf.bind(delete, 1, chunk);
          AnyOf.bind(delete, 2, chunk);
          removed += delete.executeUpdate();
        }
      }
      removed += removeOrphanPointerRows("run_reads", runs, true);
      removed += removeOrphanPointerRows("run_writes", runs, false);
      return removed;
    } catch (SQLException ex) {
      throw StoreException.of("removing orphan rows", ex);
    }
  }

  /**
   * The pointer rows have no key by run (V047): they are found by pointer, then run, through the
   * table's pointer index, one statement per pointer value of the runs.
   */
  private int removeOrphanPointerRows(String table, List<RunEvent> runs, boolean inputs)
      throws SQLException {
    PreparedStatement delete =
        ps(
            "DELETE FROM "
                + table
                + " WHERE pointer_id = ? AND run_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM component_runs WHERE id = ?)");
    boolean any = false;
    for (RunEvent run : runs) {
      for (CapturedValue v : inputs ? run.inputs() : run.outputs()) {
        String pointer = RunRowWriter.pointerOf(v);
        if (pointer != null) {
          Jdbc.setText(delete, 1, pointer);
          Jdbc.setText(delete, 2, run.runId());
          Jdbc.setText(delete, 3, run.runId());
          delete.addBatch();
          any = true;
        }
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
      if (!links.replacing().isEmpty()) {
        PreparedStatement delete =
            ps("DELETE FROM run_dependencies WHERE run_id = ? AND pointer_id = ?");
        for (Dependency d : links.replacing()) {
          Jdbc.setText(delete, 1, d.runId());
          Jdbc.setText(delete, 2, d.pointerId());
          delete.addBatch();
        }
        delete.executeBatch();
      }
      if (!links.links().isEmpty() && dialect == SqlDialect.POSTGRES) {
        PostgresRowCopy.copyIn(
            statements.connection(),
            "run_dependencies (run_id, depends_on_run_id, pointer_id)",
            3,
            copy -> {
              for (Dependency d : links.links()) {
                copy.row().text(d.runId()).text(d.dependsOnRunId()).text(d.pointerId());
              }
            });
      } else if (!links.links().isEmpty()) {
        PreparedStatement insert =
            ps(
                "INSERT INTO run_dependencies (run_id, depends_on_run_id, pointer_id)"
                    + " VALUES (?, ?, ?)");
        for (Dependency d : links.links()) {
          Jdbc.setText(insert, 1, d.runId());
          Jdbc.setText(insert, 2, d.dependsOnRunId());
          Jdbc.setText(insert, 3, d.pointerId());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    } catch (SQLException ex) {
      throw StoreException.of("linking " + links.links().size() + " dependencies", ex);
    }
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
                    + " d.depends_on_run_id, p.end_time"
                    + " FROM component_runs r JOIN run_inputs i ON i.run_id = r.id"
                    + " LEFT JOIN run_dependencies d ON d.run_id = r.id AND d.pointer_id = i.pointer_id"
                    + " LEFT JOIN component_runs p ON p.id = d.depends_on_run_id"
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
   * The latest {@code perPointer} output rows of each pointer, newest first: one {@code LIMIT}
   * subquery per pointer walking the (pointer, end time) index, so the cost does not grow with how
   * often a pointer was written (a window over all its writers did).
   */
  private List<LineageSnapshot.ProducerRow> latestProducers(
      Collection<String> pointers, int perPointer) throws SQLException {
    List<LineageSnapshot.ProducerRow> rows =
        dialect == SqlDialect.POSTGRES
            ? latestProducersLateral(pointers, perPointer)
            : latestProducersUnion(pointers, perPointer);
    rows.sort(
        Comparator.comparing(LineageSnapshot.ProducerRow::pointer)
            .thenComparing(LineageSnapshot.ProducerRow::end, Comparator.reverseOrder())
            .thenComparing(LineageSnapshot.ProducerRow::runId, Comparator.reverseOrder()));
    return rows;
  }

  /**
   * PostgreSQL: the same {@code LIMIT} look-up per pointer, for up to {@link AnyOf#CHUNK} pointers
   * in one statement ({@code LATERAL}): 64 pointers a statement cost a round trip and the planning
   * of a 64-way {@code UNION ALL} each, 0.6 s of a 20,000-run bench's 6 s.
   */
  private List<LineageSnapshot.ProducerRow> latestProducersLateral(
      Collection<String> pointers, int perPointer) throws SQLException {
    PreparedStatement select =
        ps(
            "SELECT w.pointer_id, w.fingerprint, w.run_id, w.end_time"
                + " FROM unnest(CAST(? AS VARCHAR[])) AS p(pointer_id) CROSS JOIN LATERAL"
                + " (SELECT pointer_id, fingerprint, run_id, end_time FROM run_writes x"
                + " WHERE x.pointer_id = p.pointer_id"
                + " ORDER BY x.end_time DESC, x.run_id DESC LIMIT "
                + perPointer
                + ") w");
    List<LineageSnapshot.ProducerRow> rows = new ArrayList<>();
    for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(pointers))) {
      AnyOf.bind(select, 1, chunk);
      readProducers(select, rows);
    }
    return rows;
  }

  private static void readProducers(
      PreparedStatement select, List<LineageSnapshot.ProducerRow> into) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        into.add(
            new LineageSnapshot.ProducerRow(
                rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.time(rs, "end_time")));
      }
    }
  }

  /** H2 (no LATERAL): a {@code UNION ALL} of {@link #PRODUCER_CHUNK} subqueries per statement. */
  private List<LineageSnapshot.ProducerRow> latestProducersUnion(
      Collection<String> pointers, int perPointer) throws SQLException {
    String one =
        "(SELECT pointer_id, fingerprint, run_id, end_time FROM "
            + outputsNewestFirst
            + " WHERE pointer_id = ? ORDER BY pointer_id, end_time DESC, run_id DESC LIMIT "
            + perPointer
            + ")";
    PreparedStatement select =
        ps(String.join(" UNION ALL ", Collections.nCopies(PRODUCER_CHUNK, one)));
    List<String> all = new ArrayList<>(pointers);
    List<LineageSnapshot.ProducerRow> rows = new ArrayList<>();
    for (int from = 0; from < all.size(); from += PRODUCER_CHUNK) {
      for (int i = 0; i < PRODUCER_CHUNK; i++) {
        // A null pointer matches no row: padding keeps one statement for every chunk.
        Jdbc.setText(select, i + 1, from + i < all.size() ? all.get(from + i) : null);
      }
      readProducers(select, rows);
    }
    return rows;
  }

  @Override
  public Optional<LineageIndex.Producer> latestProducer(
      String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
    try {
      // Two statements rather than "? IS NULL OR ...": PostgreSQL cannot type a bare null
      // parameter.
      PreparedStatement select =
          ps(
              "SELECT run_id AS id, end_time FROM "
                  + outputsNewestFirst
                  + " WHERE pointer_id = ? AND end_time <= ? AND run_id <> ?"
                  + (fingerprint == null ? "" : " AND (fingerprint IS NULL OR fingerprint = ?)")
                  + " ORDER BY pointer_id, end_time DESC, run_id DESC LIMIT 1");
      Jdbc.setText(select, 1, pointerId);
      Jdbc.setTime(select, 2, endedAtOrBefore);
      Jdbc.setText(select, 3, excludedRunId);
      if (fingerprint != null) {
        Jdbc.setText(select, 4, fingerprint);
      }
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(new LineageIndex.Producer(rs.getString("id"), Jdbc.time(rs, "end_time")))
            : Optional.empty();
      }
    } catch (SQLException ex) {
      throw StoreException.of("finding the producer of " + pointerId, ex);
    }
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
