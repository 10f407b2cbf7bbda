package org.mltrace.collector.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.lineage.EventTimes;

/**
 * Writes a batch of runs' rows inside an ingest transaction: the runs, each carrying its inputs,
 * outputs and summaries in arrays ({@link RunValueArrays}; on PostgreSQL as the key of a template
 * and the run's own entries, {@link ValueTemplate}), a bare component row for an undeclared
 * component (widening its first/last seen), a {@code run_reads} or {@code run_writes} row for each
 * pointer value (with a file's fingerprint), a {@code run_value_samples} row for each value
 * carrying a sample or hashes, an {@code io_pointers} row for each pointer seen for the first time,
 * and a {@code trigger_pending} row for each run whose component declares triggers (every run once
 * a label is retracted).
 *
 * <p>Each table gets one batched insert per batch of runs, on PostgreSQL one COPY: storing a run
 * one statement at a time cost a dozen round trips and capped ingest at a few thousand runs a
 * second, and a row per value (six for a run with three inputs and three outputs) capped it at
 * about 3,000.
 */
final class RunRowWriter {
  /**
   * The columns of a new run: those read back ({@link JdbcRunRepository#RUN_COLUMNS}), its values.
   */
  private static final String RUN_INSERT_COLUMNS =
      JdbcRunRepository.RUN_COLUMNS + ", input_values, output_values, value_summaries, run_key";

  /**
   * PostgreSQL's, of the table under the view {@code component_runs}: the run's origin as a key
   * (V053), its values as its template's key and its own entries (V052), status 'ok' and no
   * unrecorded calls as NULL (V054).
   */
  private static final String RUN_COPY_COLUMNS =
      "id, component, start_time, end_time, duration_nanos, status, error_class, error_message,"
          + " ingested_at, unrecorded_before, origin_key, value_template, value_entries, run_key";

  private final StatementCache statements;
  private final SqlDialect dialect;
  private final BatchKeys keys;
  private final SharedRowKeys<ValueTemplate>.InTransaction templates;
  private final SharedRowKeys<RunOrigin>.InTransaction origins;
  private final SharedRowKeys<PointerKind>.InTransaction kinds;

  /**
   * @param templates the keys of value templates, on PostgreSQL; null on H2, which keeps arrays
   * @param origins the keys of runs' origins, on PostgreSQL; null on H2, which keeps columns
   * @param kinds the keys of pointers' kinds, on PostgreSQL; null on H2, which keeps columns
   */
  RunRowWriter(
      StatementCache statements,
      SqlDialect dialect,
      BatchKeys keys,
      SharedRowKeys<ValueTemplate>.InTransaction templates,
      SharedRowKeys<RunOrigin>.InTransaction origins,
      SharedRowKeys<PointerKind>.InTransaction kinds) {
    this.statements = statements;
    this.dialect = dialect;
    this.keys = keys;
    this.templates = templates;
    this.origins = origins;
    this.kinds = kinds;
  }

  /** The runs whose ids are neither stored nor repeated earlier in {@code runs}, in order. */
  List<RunEvent> withoutStored(List<RunEvent> runs) {
    try {
      Set<String> stored = storedIds(runs);
      List<RunEvent> fresh = new ArrayList<>();
      for (RunEvent e : runs) {
        if (stored.add(e.runId())) {
          fresh.add(e);
        }
      }
      return fresh;
    } catch (SQLException ex) {
      throw StoreException.of("looking up " + runs.size() + " run ids", ex);
    }
  }

  /**
   * Stores new runs (see {@link #withoutStored}) with one batched statement per table. The {@code
   * run_writes} rows go last, after {@code beforeOutputRows} has run: see {@link
   * IngestTransaction#insertRuns(List, Instant, Runnable)}.
   *
   * @param prepared the parts of the rows made from the runs before the transaction
   * @throws StoreException if the database refuses a row
   */
  void insertAll(
      List<RunEvent> fresh, PreparedRuns prepared, Instant now, Runnable beforeOutputRows) {
    if (fresh.isEmpty()) {
      beforeOutputRows.run();
      return;
    }
    try {
      seeComponents(fresh);
      seePointers(fresh, prepared);
      // Drawn before any COPY starts: a connection copying cannot run the sequence's query.
      for (RunEvent e : fresh) {
        keys.newRun(e.runId());
      }
      if (dialect == SqlDialect.POSTGRES) {
        copyRunsAndReads(fresh, prepared, now);
      } else {
        insertRunsAndReads(fresh, prepared, now);
      }
      boolean samples = false;
      for (RunEvent e : fresh) {
        samples |= addSamples("input", e.runId(), e.inputs());
        samples |= addSamples("output", e.runId(), e.outputs());
      }
      if (samples) {
        sampleInsert().executeBatch();
      }
      markPending(fresh, now);
      beforeOutputRows.run();
      if (dialect == SqlDialect.POSTGRES) {
        copyWrites(fresh);
      } else {
        insertWrites(fresh);
      }
    } catch (SQLException ex) {
      throw StoreException.of("storing " + fresh.size() + " runs", ex);
    }
  }

  /** The run rows, then a row per pointer read: two batches. */
  private void insertRunsAndReads(List<RunEvent> fresh, PreparedRuns prepared, Instant now)
      throws SQLException {
    PreparedStatement run =
        statements.get(
            "INSERT INTO component_runs ("
                + RUN_INSERT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (RunEvent e : fresh) {
      addRun(run, e, prepared.arrays(e), now, keys.run(e.runId()));
    }
    run.executeBatch();
    PreparedStatement reads =
        statements.get(
            "INSERT INTO run_read_keys (run_key, position, pointer_key, fingerprint, name)"
                + " VALUES (?, ?, ?, ?, ?)");
    boolean anyRead = false;
    for (RunEvent e : fresh) {
      anyRead |= addPointers(reads, e, e.inputs(), null);
    }
    if (anyRead) {
      reads.executeBatch();
    }
  }

  /** A row per pointer written: one batch. */
  private void insertWrites(List<RunEvent> fresh) throws SQLException {
    PreparedStatement writes =
        statements.get(
            "INSERT INTO run_write_keys (run_key, position, pointer_key, fingerprint, end_time)"
                + " VALUES (?, ?, ?, ?, ?)");
    boolean anyWrite = false;
    for (RunEvent e : fresh) {
      anyWrite |= addPointers(writes, e, e.outputs(), EventTimes.ofEpochMicros(e.endEpochMicros()));
    }
    if (anyWrite) {
      writes.executeBatch();
    }
  }

  private boolean addPointers(
      PreparedStatement insert, RunEvent run, List<CapturedValue> values, Instant end)
      throws SQLException {
    long runKey = keys.run(run.runId());
    boolean added = false;
    for (int i = 0; i < values.size(); i++) {
      CapturedValue v = values.get(i);
      String pointer = pointerOf(v);
      if (pointer == null) {
        continue;
      }
      insert.setLong(1, runKey);
      insert.setInt(2, i);
      insert.setLong(3, keys.pointer(pointer));
      Jdbc.setText(insert, 4, v.fingerprint());
      if (end != null) {
        Jdbc.setTime(insert, 5, end);
      } else {
        Jdbc.setText(insert, 5, v.name());
      }
      insert.addBatch();
      added = true;
    }
    return added;
  }

  /**
   * PostgreSQL: the same rows as {@link #insertRunsAndReads}, through binary COPY, one table after
   * the other (a connection runs one COPY at a time).
   */
  private void copyRunsAndReads(List<RunEvent> fresh, PreparedRuns prepared, Instant now)
      throws SQLException {
    Connection connection = statements.connection();
    // Keyed before the COPY starts: a connection copying cannot run the look-up.
    List<ValueTemplate.Split> splits = new ArrayList<>(fresh.size());
    Set<ValueTemplate> shapes = new HashSet<>();
    for (RunEvent e : fresh) {
      ValueTemplate.Split split = prepared.split(e);
      splits.add(split);
      if (split.template() != null) {
        shapes.add(split.template());
      }
    }
    Map<ValueTemplate, Integer> templateKeys = templates.keysOf(shapes);
    List<RunOrigin> runOrigins = fresh.stream().map(prepared::origin).toList();
    Map<RunOrigin, Integer> originKeys = origins.keysOf(runOrigins);
    PostgresRowCopy.copyIn(
        connection,
        "run_rows (" + RUN_COPY_COLUMNS + ")",
        14,
        copy -> {
          for (int i = 0; i < fresh.size(); i++) {
            RunEvent e = fresh.get(i);
            ValueTemplate.Split split = splits.get(i);
            copy.row()
                .text(e.runId())
                .text(e.component())
                .time(EventTimes.ofEpochMicros(e.startEpochMicros()))
                .time(EventTimes.ofEpochMicros(e.endEpochMicros()))
                .int8(e.durationNanos())
                .text(e.failed() ? "failed" : null) // V054: NULL is 'ok'
                .text(e.errorClass())
                .text(e.errorMessage())
                .time(now)
                .int8(e.unrecordedBefore() == 0 ? null : e.unrecordedBefore()) // V054: NULL is 0
                .int4(originKeys.get(runOrigins.get(i)))
                .int4(split.template() == null ? null : templateKeys.get(split.template()))
                .text(split.entries())
                .int8(keys.run(e.runId()));
          }
        });
    PostgresRowCopy.copyIn(
        connection,
        "run_read_keys (run_key, position, pointer_key, fingerprint, name)",
        5,
        copy -> {
          for (RunEvent e : fresh) {
            copyPointers(copy, e, e.inputs(), null);
          }
        });
  }

  /** PostgreSQL: the same rows as {@link #insertWrites}, through binary COPY. */
  private void copyWrites(List<RunEvent> fresh) throws SQLException {
    PostgresRowCopy.copyIn(
        statements.connection(),
        "run_write_keys (run_key, position, pointer_key, fingerprint, end_time)",
        5,
        copy -> {
          for (RunEvent e : fresh) {
            copyPointers(copy, e, e.outputs(), EventTimes.ofEpochMicros(e.endEpochMicros()));
          }
        });
  }

  private void copyPointers(
      PostgresRowCopy copy, RunEvent run, List<CapturedValue> values, Instant end)
      throws SQLException {
    long runKey = keys.run(run.runId());
    for (int i = 0; i < values.size(); i++) {
      CapturedValue v = values.get(i);
      String pointer = pointerOf(v);
      if (pointer == null) {
        continue;
      }
      copy.row().int8(runKey).int4(i).int8(keys.pointer(pointer)).text(v.fingerprint());
      if (end != null) {
        copy.time(end);
      } else {
        copy.text(v.name());
      }
    }
  }

  /**
   * Queues the runs whose component declares triggers, and every run once a label is retracted
   * ({@code retracted_input} is then on by default), for the trigger engine, in the transaction
   * that stores them: one statement per chunk, the declarations looked up by the database. A
   * component declared earlier in the same batch is seen, its rows being in this transaction.
   */
  private void markPending(List<RunEvent> fresh, Instant now) throws SQLException {
    if (!anyTriggered(fresh)) {
      return;
    }
    List<String> ids = new ArrayList<>(fresh.size());
    for (RunEvent e : fresh) {
      ids.add(e.runId());
    }
    for (List<String> chunk : AnyOf.chunks(dialect, ids)) {
      PreparedStatement insert =
          statements.get(
              "INSERT INTO trigger_pending (run_id, enqueued_at)"
                  + " SELECT r.id, CAST(? AS TIMESTAMP WITH TIME ZONE) FROM component_runs r"
                  + " WHERE r.id = ANY(?) AND (EXISTS"
                  + " (SELECT 1 FROM component_triggers t WHERE t.component = r.component)"
                  + " OR EXISTS (SELECT 1 FROM label_retractions))"); // retracted_input:
      // DefaultTriggers
      Jdbc.setTime(insert, 1, now);
      AnyOf.bind(insert, 2, chunk);
      insert.executeUpdate();
    }
  }

  /**
   * Whether any run of the batch needs the trigger engine: one look-up in two small tables. Without
   * it, a batch of runs whose components declare no triggers (the serving-rate case) still paid the
   * queueing statement's look-up of every run's id.
   */
  private boolean anyTriggered(List<RunEvent> fresh) throws SQLException {
    Set<String> components = new HashSet<>();
    for (RunEvent e : fresh) {
      components.add(e.component());
    }
    PreparedStatement probe =
        statements.get(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM label_retractions) OR EXISTS"
                + " (SELECT 1 FROM component_triggers t WHERE t.component = ANY(?))"
                + " THEN 1 ELSE 0 END");
    for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(components))) {
      AnyOf.bind(probe, 1, chunk);
      try (ResultSet rs = probe.executeQuery()) {
        if (rs.next() && rs.getInt(1) == 1) {
          return true;
        }
      }
    }
    return false;
  }

  private Set<String> storedIds(List<RunEvent> runs) throws SQLException {
    List<String> ids = new ArrayList<>(runs.size());
    for (RunEvent e : runs) {
      ids.add(e.runId());
    }
    Set<String> stored = new HashSet<>();
    for (List<String> chunk : AnyOf.chunks(dialect, ids)) {
      PreparedStatement select = statements.get("SELECT id FROM component_runs WHERE id = ANY(?)");
      AnyOf.bind(select, 1, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return stored;
  }

  private void addRun(PreparedStatement run, RunEvent e, Object[][] arrays, Instant now, long key)
      throws SQLException {
    Jdbc.setText(run, 1, e.runId());
    Jdbc.setText(run, 2, e.component());
    Jdbc.setText(run, 3, e.method());
    Jdbc.setText(run, 4, e.agentId());
    Jdbc.setText(run, 5, e.host());
    run.setLong(6, e.pid());
    Jdbc.setText(run, 7, e.thread());
    Jdbc.setTime(run, 8, EventTimes.ofEpochMicros(e.startEpochMicros()));
    Jdbc.setTime(run, 9, EventTimes.ofEpochMicros(e.endEpochMicros()));
    run.setLong(10, e.durationNanos());
    Jdbc.setText(run, 11, e.codeVersion());
    Jdbc.setText(run, 12, e.gitCommit());
    Jdbc.setText(run, 13, e.failed() ? "failed" : "ok");
    Jdbc.setText(run, 14, e.errorClass());
    Jdbc.setText(run, 15, e.errorMessage());
    Jdbc.setTime(run, 16, now);
    run.setLong(17, e.unrecordedBefore());
    // H2 only: PostgreSQL copies its runs (copyRunsAndReads)
    SqlDialect.setArray(run, 18, arrays[0]);
    SqlDialect.setArray(run, 19, arrays[1]);
    SqlDialect.setArray(run, 20, arrays[2]);
    run.setLong(21, key);
    run.addBatch();
  }

  /** Creates or widens each component's row once for the batch, over all its runs' times. */
  private void seeComponents(List<RunEvent> runs) throws SQLException {
    Map<String, Instant[]> spans = new LinkedHashMap<>();
    for (RunEvent e : runs) {
      Instant start = EventTimes.ofEpochMicros(e.startEpochMicros());
      Instant end = EventTimes.ofEpochMicros(e.endEpochMicros());
      Instant[] span = spans.computeIfAbsent(e.component(), k -> new Instant[] {start, end});
      if (start.isBefore(span[0])) {
        span[0] = start;
      }
      if (end.isAfter(span[1])) {
        span[1] = end;
      }
    }
    // The widenings in one round trip; a component they did not change is looked at alone.
    PreparedStatement widen = widenComponent();
    for (Map.Entry<String, Instant[]> c : spans.entrySet()) {
      bindWiden(widen, c.getKey(), c.getValue()[0], c.getValue()[1]);
      widen.addBatch();
    }
    int[] widened = widen.executeBatch();
    int i = 0;
    for (Map.Entry<String, Instant[]> c : spans.entrySet()) {
      if (widened[i++] == 0) {
        seeComponent(c.getKey(), c.getValue()[0], c.getValue()[1]);
      }
    }
  }

  /**
   * Creates a bare component row for an undeclared component whose widening changed no row. The
   * widening is one conditional UPDATE, so concurrent collectors cannot overwrite each other's
   * wider value, and the row is created with an insert-if-absent, so they cannot both fail to
   * create it.
   */
  private void seeComponent(String name, Instant start, Instant end) throws SQLException {
    PreparedStatement exists = statements.get("SELECT 1 FROM components WHERE name = ?");
    Jdbc.setText(exists, 1, name);
    try (ResultSet rs = exists.executeQuery()) {
      if (rs.next()) {
        return; // already covers [start, end]
      }
    }
    PreparedStatement insert =
        statements.get(
            dialect.insertIfAbsent(
                "components",
                "name",
                "name VARCHAR",
                "first_seen TIMESTAMP WITH TIME ZONE",
                "last_seen TIMESTAMP WITH TIME ZONE"));
    Jdbc.setText(insert, 1, name);
    Jdbc.setTime(insert, 2, start);
    Jdbc.setTime(insert, 3, end);
    if (insert.executeUpdate() == 0) {
      PreparedStatement widen = widenComponent(); // created meanwhile by another collector
      bindWiden(widen, name, start, end);
      widen.executeUpdate();
    }
  }

  private PreparedStatement widenComponent() throws SQLException {
    return statements.get(
        "UPDATE components SET"
            + " first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END,"
            + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
            + " WHERE name = ? AND (first_seen IS NULL OR first_seen > ?"
            + " OR last_seen IS NULL OR last_seen < ?)");
  }

  private static void bindWiden(PreparedStatement update, String name, Instant start, Instant end)
      throws SQLException {
    Jdbc.setTime(update, 1, start);
    Jdbc.setTime(update, 2, start);
    Jdbc.setTime(update, 3, end);
    Jdbc.setTime(update, 4, end);
    Jdbc.setText(update, 5, name);
    Jdbc.setTime(update, 6, start);
    Jdbc.setTime(update, 7, end);
  }

  /** The pointer a value names, or null when it is not one. */
  static String pointerOf(CapturedValue v) {
    return v.isPointer() && v.text() != null ? v.text() : null;
  }

  private PreparedStatement sampleInsert() throws SQLException {
    return statements.get(
        "INSERT INTO run_value_samples (run_id, direction, position, sample_values, element_hashes)"
            + " VALUES (?, ?, ?, ?, ?)");
  }

  /**
   * Adds a {@code run_value_samples} row per value whose summary carries a sample or hashes (only
   * values a declared trigger needs); returns whether it added any.
   */
  private boolean addSamples(String direction, String runId, List<CapturedValue> values)
      throws SQLException {
    boolean added = false;
    for (int i = 0; i < values.size(); i++) {
      ValueSummary s = values.get(i).summary();
      if (s == null || (s.sample() == null && s.hashes() == null)) {
        continue;
      }
      PreparedStatement insert = sampleInsert();
      Jdbc.setText(insert, 1, runId);
      Jdbc.setText(insert, 2, direction);
      insert.setInt(3, i);
      setBytes(insert, 4, ValueSampleBytes.ofDoubles(s.sample()));
      setBytes(insert, 5, ValueSampleBytes.ofLongs(s.hashes()));
      insert.addBatch();
      added = true;
    }
    return added;
  }

  private static void setBytes(PreparedStatement ps, int index, byte[] bytes) throws SQLException {
    if (bytes == null) {
      ps.setNull(index, java.sql.Types.BINARY);
    } else {
      ps.setBytes(index, bytes);
    }
  }

  /**
   * Creates the {@code io_pointers} rows of pointers seen for the first time: one look-up for the
   * batch, one batched insert. A pointer's first sighting is when its first reader started or its
   * first writer ended, whichever comes first in the batch.
   */
  private void seePointers(List<RunEvent> runs, PreparedRuns prepared) throws SQLException {
    Map<String, Sighting> seen = new LinkedHashMap<>(prepared.sightings(runs).pointers());
    if (seen.isEmpty()) {
      return;
    }
    // The lineage look-up has already asked for the pointers the batch reads; only the others
    // are looked up here.
    keys.lookUpPointers(seen.keySet());
    seen.keySet().removeIf(identifier -> keys.knownPointer(identifier) != null);
    if (seen.isEmpty()) {
      return;
    }
    for (String identifier : seen.keySet()) {
      keys.newPointer(identifier);
    }
    if (dialect == SqlDialect.POSTGRES) {
      // Only ingest transactions create pointers, and on PostgreSQL they hold the ingest lock
      // (JdbcIngestTransaction#lockForIngest): none can have been created since the look-up.
      // The pointers go under the view io_pointers, with their kind's key (V055); the kinds are
      // keyed before the COPY starts, as a connection copying cannot run the look-up.
      Set<PointerKind> shapes = new HashSet<>();
      for (Sighting s : seen.values()) {
        if (!s.kind().none()) {
          shapes.add(s.kind());
        }
      }
      Map<PointerKind, Integer> kindKeys = kinds.keysOf(shapes);
      PostgresRowCopy.copyIn(
          statements.connection(),
          "pointer_rows (pointer_key, first_seen, kind_key, identifier)",
          4,
          copy -> {
            for (Map.Entry<String, Sighting> p : seen.entrySet()) {
              Sighting s = p.getValue();
              copy.row()
                  .int8(keys.pointer(p.getKey()))
                  .time(s.at())
                  .int4(kindKeys.get(s.kind()))
                  .text(p.getKey());
            }
          });
      return;
    }
    // H2: a plain batch; the insert-if-absent MERGE cost twice as much and is only needed when
    // another collector (AUTO_SERVER) created one of the pointers since the look-up. Each row that
    // then fails is undone by itself and the batch goes again as MERGE, which adds the rest.
    PreparedStatement plain =
        statements.get(
            "INSERT INTO io_pointers (identifier, pointer_type, class_name, first_seen,"
                + " pointer_key) VALUES (?, ?, ?, ?, ?)");
    addPointerRows(plain, seen);
    try {
      plain.executeBatch();
      return;
    } catch (BatchUpdateException createdMeanwhile) {
      plain.clearBatch();
    }
    PreparedStatement insert =
        statements.get(
            dialect.insertIfAbsent(
                "io_pointers",
                "identifier",
                "identifier VARCHAR",
                "pointer_type VARCHAR",
                "class_name VARCHAR",
                "first_seen TIMESTAMP WITH TIME ZONE",
                "pointer_key BIGINT"));
    addPointerRows(insert, seen);
    insert.executeBatch(); // inserts nothing for a row another collector created
    keys.forgetPointers(seen.keySet()); // such a row has the other collector's key: ask again
    keys.lookUpPointers(seen.keySet());
  }

  private void addPointerRows(PreparedStatement insert, Map<String, Sighting> pointers)
      throws SQLException {
    for (Map.Entry<String, Sighting> p : pointers.entrySet()) {
      Sighting s = p.getValue();
      Jdbc.setText(insert, 1, p.getKey());
      Jdbc.setText(insert, 2, s.first().pointerType());
      Jdbc.setText(insert, 3, s.first().className());
      Jdbc.setTime(insert, 4, s.at());
      insert.setLong(5, keys.pointer(p.getKey()));
      insert.addBatch();
    }
  }

  /**
   * The pointers runs name, in order of first mention, each with what its row needs ({@link
   * Sighting}).
   */
  record PointerSightings(Map<String, Sighting> pointers) {
    static PointerSightings of(List<RunEvent> runs) {
      return of(runs, UnaryOperator.identity());
    }

    /**
     * @param one the kind to keep for a kind made, so that a batch's equal kinds can be one object
     *     ({@link PreparedRuns})
     */
    static PointerSightings of(List<RunEvent> runs, UnaryOperator<PointerKind> one) {
      PointerSightings s = new PointerSightings(new LinkedHashMap<>());
      for (RunEvent e : runs) {
        s.note(e.inputs(), EventTimes.ofEpochMicros(e.startEpochMicros()), one);
        s.note(e.outputs(), EventTimes.ofEpochMicros(e.endEpochMicros()), one);
      }
      return s;
    }

    private void note(List<CapturedValue> values, Instant when, UnaryOperator<PointerKind> one) {
      for (CapturedValue v : values) {
        String pointer = pointerOf(v);
        if (pointer == null) {
          continue;
        }
        Sighting seen = pointers.get(pointer);
        if (seen == null) {
          pointers.put(pointer, new Sighting(v, when, one.apply(PointerKind.of(v))));
        } else if (when.isBefore(seen.at())) {
          pointers.put(pointer, new Sighting(seen.first(), when, seen.kind()));
        }
      }
    }
  }

  /**
   * A pointer as a batch first names it.
   *
   * @param first the first value that names it, whose kind its row keeps
   * @param at when its first reader started or first writer ended, whichever is earlier
   * @param kind the kind of {@code first}
   */
  record Sighting(CapturedValue first, Instant at, PointerKind kind) {}
}
