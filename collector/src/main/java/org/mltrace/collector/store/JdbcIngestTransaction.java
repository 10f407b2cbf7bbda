package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
  private final LineageLookups lineage;
  private final SharedRowKeys<ValueTemplate>.InTransaction templates;
  private final SharedRowKeys<RunOrigin>.InTransaction origins;
  private final SharedRowKeys<PointerKind>.InTransaction kinds;

  private final SqlDialect dialect;

  JdbcIngestTransaction(
      Connection connection,
      SqlDialect dialect,
      KeyBlocks keyBlocks,
      SharedRowKeys<ValueTemplate> templateKeys,
      SharedRowKeys<RunOrigin> originKeys,
      SharedRowKeys<PointerKind> kindKeys) {
    this.statements = new StatementCache(connection);
    this.dialect = dialect;
    this.keys = new BatchKeys(statements, dialect, keyBlocks);
    this.templates = dialect == SqlDialect.POSTGRES ? templateKeys.inTransaction(connection) : null;
    this.origins = dialect == SqlDialect.POSTGRES ? originKeys.inTransaction(connection) : null;
    this.kinds = dialect == SqlDialect.POSTGRES ? kindKeys.inTransaction(connection) : null;
    this.runs = new RunRowWriter(statements, dialect, keys, templates, origins, kinds);
    this.lineage = new LineageLookups(statements, dialect, keys);
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

  /**
   * After the commit: the value templates, origins and pointer kinds this transaction stored may be
   * reused by later ones.
   */
  void committed() {
    if (templates != null) {
      templates.committed();
      origins.committed();
      kinds.committed();
    }
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
  public void insertRuns(
      List<RunEvent> fresh, PreparedRuns prepared, Instant now, Runnable beforeOutputRows) {
    runs.insertAll(fresh, prepared, now, beforeOutputRows);
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
    return lineage.snapshot(
        readPointers, writtenPointers, consumersStartedAtOrAfter, producersPerPointer);
  }

  @Override
  public Optional<LineageIndex.Producer> latestProducer(
      String pointerId, String fingerprint, Instant endedAtOrBefore, String excludedRunId) {
    return lineage.latestProducer(pointerId, fingerprint, endedAtOrBefore, excludedRunId);
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
