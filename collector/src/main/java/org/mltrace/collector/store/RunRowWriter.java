package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.lineage.EventTimes;

/**
 * Writes a batch of runs' rows inside an ingest transaction: the runs, a bare component row for an
 * undeclared component (widening its first/last seen), the inputs and outputs in YAML order (with
 * a file's modification time and fingerprint), a {@code run_value_summaries} row for each summarized
 * value, a {@code run_value_samples} row for each value carrying a sample or hashes, an {@code
 * io_pointers} row for each pointer seen for the first time, and a {@code trigger_pending} row for
 * each run whose component declares triggers.
 *
 * <p>Each table gets one batched insert per batch of runs, not one statement per row: storing a
 * run one statement at a time cost a dozen round trips and capped ingest at a few thousand runs a
 * second.
 */
final class RunRowWriter {
  private final StatementCache statements;
  private final SqlDialect dialect;

  RunRowWriter(StatementCache statements, SqlDialect dialect) {
    this.statements = statements;
    this.dialect = dialect;
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
   * Stores new runs (see {@link #withoutStored}) with one batched statement per table.
   *
   * @throws StoreException if the database refuses a row
   */
  void insertAll(List<RunEvent> fresh, Instant now) {
    if (fresh.isEmpty()) {
      return;
    }
    try {
      seeComponents(fresh);
      seePointers(fresh);
      PreparedStatement run =
          statements.get(
              "INSERT INTO component_runs ("
                  + JdbcRunRepository.RUN_COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (RunEvent e : fresh) {
        addRun(run, e, now);
      }
      run.executeBatch();
      for (RunEvent e : fresh) {
        addValues("run_inputs", e, e.inputs());
      }
      valuesInsert("run_inputs").executeBatch();
      for (RunEvent e : fresh) {
        addValues("run_outputs", e, e.outputs());
      }
      valuesInsert("run_outputs").executeBatch();
      boolean summaries = false;
      for (RunEvent e : fresh) {
        summaries |= addSummaries("input", e.runId(), e.inputs());
        summaries |= addSummaries("output", e.runId(), e.outputs());
      }
      if (summaries) {
        summaryInsert().executeBatch();
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
    } catch (SQLException ex) {
      throw StoreException.of("storing " + fresh.size() + " runs", ex);
    }
  }

  /**
   * Queues the runs whose component declares triggers for the trigger engine, in the transaction
   * that stores them: one statement per chunk, the declarations looked up by the database. A
   * component declared earlier in the same batch is seen, its rows being in this transaction.
   */
  private void markPending(List<RunEvent> fresh, Instant now) throws SQLException {
    List<String> ids = new ArrayList<>(fresh.size());
    for (RunEvent e : fresh) {
      ids.add(e.runId());
    }
    for (List<String> chunk : AnyOf.chunks(dialect, ids)) {
      PreparedStatement insert =
          statements.get(
              "INSERT INTO trigger_pending (run_id, enqueued_at)"
                  + " SELECT r.id, CAST(? AS TIMESTAMP WITH TIME ZONE) FROM component_runs r"
                  + " WHERE r.id = ANY(?) AND EXISTS"
                  + " (SELECT 1 FROM component_triggers t WHERE t.component = r.component)");
      Jdbc.setTime(insert, 1, now);
      AnyOf.bind(insert, 2, chunk);
      insert.executeUpdate();
    }
  }

  private Set<String> storedIds(List<RunEvent> runs) throws SQLException {
    List<String> ids = new ArrayList<>(runs.size());
    for (RunEvent e : runs) {
      ids.add(e.runId());
    }
    Set<String> stored = new HashSet<>();
    for (List<String> chunk : AnyOf.chunks(dialect, ids)) {
      PreparedStatement select =
          statements.get("SELECT id FROM component_runs WHERE id = ANY(?)");
      AnyOf.bind(select, 1, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return stored;
  }

  private static void addRun(PreparedStatement run, RunEvent e, Instant now) throws SQLException {
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
    for (Map.Entry<String, Instant[]> c : spans.entrySet()) {
      seeComponent(c.getKey(), c.getValue()[0], c.getValue()[1]);
    }
  }

  /**
   * Creates a bare component row for an undeclared component; widens first/last seen. The widening
   * is one conditional UPDATE, so concurrent collectors cannot overwrite each other's wider value,
   * and the row is created with an insert-if-absent, so they cannot both fail to create it.
   */
  private void seeComponent(String name, Instant start, Instant end) throws SQLException {
    if (widenComponent(name, start, end) > 0) {
      return;
    }
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
      widenComponent(name, start, end); // created meanwhile by another collector
    }
  }

  private int widenComponent(String name, Instant start, Instant end) throws SQLException {
    PreparedStatement update =
        statements.get(
            "UPDATE components SET"
                + " first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END,"
                + " last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END"
                + " WHERE name = ? AND (first_seen IS NULL OR first_seen > ?"
                + " OR last_seen IS NULL OR last_seen < ?)");
    Jdbc.setTime(update, 1, start);
    Jdbc.setTime(update, 2, start);
    Jdbc.setTime(update, 3, end);
    Jdbc.setTime(update, 4, end);
    Jdbc.setText(update, 5, name);
    Jdbc.setTime(update, 6, start);
    Jdbc.setTime(update, 7, end);
    return update.executeUpdate();
  }

  private PreparedStatement valuesInsert(String table) throws SQLException {
    // Output rows also carry the run's end time (V022): the latest writers of a pointer are then
    // one index walk (see JdbcIngestTransaction.lineageSnapshot).
    boolean outputs = table.equals("run_outputs");
    return statements.get(
        "INSERT INTO "
            + table
            + " (run_id, position, name, value_kind, value_text, pointer_id, class_name, size,"
            + " value_type, modified_at, fingerprint"
            + (outputs ? ", end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  }

  private void addValues(String table, RunEvent run, List<CapturedValue> values)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    PreparedStatement insert = valuesInsert(table);
    Instant end = table.equals("run_outputs") ? EventTimes.ofEpochMicros(run.endEpochMicros()) : null;
    for (int i = 0; i < values.size(); i++) {
      CapturedValue v = values.get(i);
      Jdbc.setText(insert, 1, run.runId());
      insert.setInt(2, i);
      Jdbc.setText(insert, 3, v.name());
      Jdbc.setText(insert, 4, v.kind().name());
      Jdbc.setText(insert, 5, v.text());
      Jdbc.setText(insert, 6, pointerOf(v));
      Jdbc.setText(insert, 7, v.className());
      Jdbc.setLong(insert, 8, v.size() < 0 ? null : v.size());
      Jdbc.setText(insert, 9, v.pointerType());
      long modified = v.file() == null ? -1 : v.file().modifiedEpochMillis();
      Jdbc.setTime(insert, 10, modified < 0 ? null : Instant.ofEpochMilli(modified));
      Jdbc.setText(insert, 11, v.fingerprint());
      if (end != null) {
        Jdbc.setTime(insert, 12, end);
      }
      insert.addBatch();
    }
  }

  private static String pointerOf(CapturedValue v) {
    return v.isPointer() && v.text() != null ? v.text() : null;
  }

  private PreparedStatement summaryInsert() throws SQLException {
    return statements.get(
        "INSERT INTO run_value_summaries (run_id, direction, position, elements, sampling,"
            + " element_count, sampled, null_count, nan_count, min_value, max_value,"
            + " mean_value, stddev_value, distinct_estimate)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** Adds a summary row per summarized value; returns whether it added any. */
  private boolean addSummaries(String direction, String runId, List<CapturedValue> values)
      throws SQLException {
    boolean added = false;
    for (int i = 0; i < values.size(); i++) {
      ValueSummary s = values.get(i).summary();
      if (s == null) {
        continue;
      }
      PreparedStatement insert = summaryInsert();
      Jdbc.setText(insert, 1, runId);
      Jdbc.setText(insert, 2, direction);
      insert.setInt(3, i);
      Jdbc.setText(insert, 4, s.elements() == null ? "none" : s.elements());
      Jdbc.setText(insert, 5, s.sampling() == null ? "all" : s.sampling());
      insert.setLong(6, s.count());
      insert.setLong(7, s.sampled());
      insert.setLong(8, s.nulls());
      insert.setLong(9, s.nans());
      Jdbc.setDouble(insert, 10, s.min());
      Jdbc.setDouble(insert, 11, s.max());
      Jdbc.setDouble(insert, 12, s.mean());
      Jdbc.setDouble(insert, 13, s.stddev());
      insert.setLong(14, s.distinct());
      insert.addBatch();
      added = true;
    }
    return added;
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
  private void seePointers(List<RunEvent> runs) throws SQLException {
    Map<String, CapturedValue> seen = new LinkedHashMap<>();
    Map<String, Instant> firstSeen = new HashMap<>();
    for (RunEvent e : runs) {
      notePointers(e.inputs(), EventTimes.ofEpochMicros(e.startEpochMicros()), seen, firstSeen);
      notePointers(e.outputs(), EventTimes.ofEpochMicros(e.endEpochMicros()), seen, firstSeen);
    }
    if (seen.isEmpty()) {
      return;
    }
    for (List<String> chunk : AnyOf.chunks(dialect, new ArrayList<>(seen.keySet()))) {
      PreparedStatement select =
          statements.get("SELECT identifier FROM io_pointers WHERE identifier = ANY(?)");
      AnyOf.bind(select, 1, chunk);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          seen.remove(rs.getString(1));
        }
      }
    }
    if (seen.isEmpty()) {
      return;
    }
    PreparedStatement insert =
        statements.get(
            dialect.insertIfAbsent(
                "io_pointers",
                "identifier",
                "identifier VARCHAR",
                "pointer_type VARCHAR",
                "class_name VARCHAR",
                "first_seen TIMESTAMP WITH TIME ZONE"));
    for (CapturedValue v : seen.values()) {
      Jdbc.setText(insert, 1, v.text());
      Jdbc.setText(insert, 2, v.pointerType());
      Jdbc.setText(insert, 3, v.className());
      Jdbc.setTime(insert, 4, firstSeen.get(v.text()));
      insert.addBatch(); // inserts nothing when another collector created it meanwhile
    }
    insert.executeBatch();
  }

  private static void notePointers(
      List<CapturedValue> values,
      Instant at,
      Map<String, CapturedValue> seen,
      Map<String, Instant> firstSeen) {
    for (CapturedValue v : values) {
      String pointer = pointerOf(v);
      if (pointer != null) {
        seen.putIfAbsent(pointer, v);
        firstSeen.merge(pointer, at, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
  }
}
