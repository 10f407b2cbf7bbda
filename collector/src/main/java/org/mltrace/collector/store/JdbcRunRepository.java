package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mltrace.collector.lineage.Dependency;

/** {@link RunRepository} over plain JDBC, for H2 and PostgreSQL alike. */
public final class JdbcRunRepository implements RunRepository {
  static final String RUN_COLUMNS =
      "id, component, method, agent_id, host, pid, thread, start_time, end_time, duration_nanos,"
          + " code_version, git_commit, status, error_class, error_message, ingested_at,"
          + " unrecorded_before";

  private final Database database;

  public JdbcRunRepository(Database database) {
    this.database = database;
  }

  @Override
  public Optional<RunRow> findRun(String runId) {
    return first(
        query(
            "reading run " + runId,
            "SELECT " + RUN_COLUMNS + " FROM component_runs WHERE id = ?",
            JdbcRunRepository::runRow,
            runId));
  }

  @Override
  public RunValues values(Collection<String> runIds) {
    return RunValueReader.values(database, runIds);
  }

  private static String runsNamed(Collection<String> runIds) {
    return runIds.size() == 1 ? "run " + runIds.iterator().next() : runIds.size() + " runs";
  }

  @Override
  public List<Dependency> upstreamOf(String runId) {
    return upstreamOf(List.of(runId)).getOrDefault(runId, List.of());
  }

  /**
   * Reads the edges and the inputs' positions separately and orders in memory: one statement that
   * joined them (a grouped derived table on the inputs) led H2 to scan the pointer index over every
   * reader of a shared input, 2 s per run on a 200,000-run history.
   */
  @Override
  public Map<String, List<Dependency>> upstreamOf(Collection<String> runIds) {
    Map<String, Integer> firstPosition = new HashMap<>();
    // the runs' own arrays, in position order: run_read_keys has no key by run (V047)
    for (RunValueReader.PointerValue read : RunValueReader.pointerValues(database, runIds, true)) {
      firstPosition.putIfAbsent(read.runId() + "\n" + read.pointer(), read.position());
    }
    Map<String, List<Dependency>> byRun = new LinkedHashMap<>();
    for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
      for (Dependency d :
          SqlRows.query(
              database,
              "reading the dependencies of " + runsNamed(runIds),
              JdbcGraphStore.LINKS + " WHERE r.id = ANY(?)",
              JdbcRunRepository::dependency,
              chunk)) {
        if (firstPosition.containsKey(d.runId() + "\n" + d.pointerId())) {
          byRun.computeIfAbsent(d.runId(), k -> new ArrayList<>()).add(d);
        }
      }
    }
    Comparator<Dependency> inputOrder =
        Comparator.comparing((Dependency d) -> firstPosition.get(d.runId() + "\n" + d.pointerId()))
            .thenComparing(Dependency::pointerId);
    byRun.values().forEach(deps -> deps.sort(inputOrder));
    return byRun;
  }

  @Override
  public List<Dependency> downstreamOf(String runId) {
    return query(
        "reading the dependents of run " + runId,
        JdbcGraphStore.LINKS + " WHERE u.id = ? ORDER BY r.id, p.identifier",
        JdbcRunRepository::dependency,
        runId);
  }

  @Override
  public Optional<PointerRow> findPointer(String identifier) {
    return first(
        query(
            "reading pointer " + identifier,
            "SELECT identifier, pointer_type, class_name, flag, first_seen FROM io_pointers"
                + " WHERE identifier = ?",
            rs ->
                new PointerRow(
                    rs.getString("identifier"),
                    rs.getString("pointer_type"),
                    rs.getString("class_name"),
                    rs.getBoolean("flag"),
                    Jdbc.time(rs, "first_seen")),
            identifier));
  }

  /**
   * The run that wrote the pointer last: latest end, then greatest run id. Two probes of the
   * (pointer_key, end_time DESC, run_key DESC) index (V048), never a walk over the pointer's
   * writers (a model file rewritten by every training has as many as there were trainings): the
   * inner query reads the latest end off the top of the index, the outer one the writers that ended
   * then, whose ids break the tie (keys follow ingest order, not ids). The pointer's key is a
   * subquery, not a join: H2 reads an ORDER BY from an index only of the first table it joins.
   */
  @Override
  public Optional<String> latestProducerOf(String pointerId) {
    String writes =
        SqlDialect.of(database.isPostgres())
            .readThrough("run_write_keys", "w", "run_write_keys_by_pointer_end");
    String pointer = "(SELECT pointer_key FROM io_pointers WHERE identifier = ?)";
    return first(
        query(
            "finding the producer of " + pointerId,
            "SELECT r.id FROM "
                + writes
                + " JOIN component_runs r ON r.run_key = w.run_key"
                + " WHERE w.pointer_key = "
                + pointer
                + " AND w.end_time = (SELECT w.end_time FROM "
                + writes
                + " WHERE w.pointer_key = "
                + pointer
                // a killed H2's lost transaction can leave a row whose key no run has
                + " AND EXISTS (SELECT 1 FROM component_runs s WHERE s.run_key = w.run_key)"
                + " ORDER BY w.pointer_key, w.end_time DESC LIMIT 1)"
                + " ORDER BY r.id DESC LIMIT 1",
            rs -> rs.getString(1),
            pointerId,
            pointerId));
  }

  @Override
  public int readerCount(String pointerId) {
    return query(
            "counting the readers of " + pointerId,
            // runs are stored and removed with their read rows: the keys alone count them
            "SELECT COUNT(DISTINCT k.run_key) FROM io_pointers p JOIN "
                + JdbcGraphStore.readersIndex(database)
                + " ON k.pointer_key = p.pointer_key WHERE p.identifier = ?",
            rs -> rs.getInt(1),
            pointerId)
        .get(0);
  }

  @Override
  public Optional<ComponentRow> findComponent(String name) {
    return first(
        query(
            "reading component " + name,
            "SELECT name, description, owner, tags, methods, first_seen, last_seen FROM components"
                + " WHERE name = ?",
            rs ->
                new ComponentRow(
                    rs.getString("name"),
                    rs.getString("description"),
                    rs.getString("owner"),
                    rs.getString("tags"),
                    rs.getString("methods"),
                    Jdbc.time(rs, "first_seen"),
                    Jdbc.time(rs, "last_seen")),
            name));
  }

  @Override
  public List<RunRow> recentRuns(String component, int limit, Instant since, Instant until) {
    // Ids first, from the (component, start_time DESC, id DESC) index alone, then the rows by id:
    // asked for all columns at once, H2 chose the foreign key's index on component instead and
    // sorted every run of the component (2.5 s for the newest 20 of 20,000). The ORDER BY names
    // component, fixed as it is, because H2 reads an index in its order only when the ORDER BY
    // starts with the index's first column; else it read all 1.1 million runs of a component of a
    // 10-million-run history and sorted them (0.9 s for the newest 20).
    // A time window bounds start_time, the index's second column, so the same index serves it.
    String sql =
        "SELECT id FROM component_runs WHERE component = ?"
            + (since == null ? "" : " AND start_time >= ?")
            + (until == null ? "" : " AND start_time < ?")
            + " ORDER BY component, start_time DESC, id DESC LIMIT "
            + Math.max(0, limit);
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, component);
      if (since != null) {
        Jdbc.setTime(ps, i++, since);
      }
      if (until != null) {
        Jdbc.setTime(ps, i, until);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("listing the runs of " + component, e);
    }
    return new JdbcGraphStore(database).runsInOrder(ids);
  }

  @Override
  public Map<String, List<TriggerOutcome>> triggerResults(Collection<String> runIds) {
    Map<String, List<TriggerOutcome>> byRun = new LinkedHashMap<>();
    Connection c = database.connection();
    try {
      for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT run_id, phase, position, component, trigger_name, status, value, threshold,"
                    + " message, alert, evaluated_at, duration_micros FROM trigger_results"
                    + " WHERE run_id = ANY(?) ORDER BY run_id, phase DESC, position")) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              TriggerOutcome o = triggerOutcome(rs);
              byRun.computeIfAbsent(o.runId(), k -> new ArrayList<>()).add(o);
            }
          }
        }
      }
      return byRun;
    } catch (SQLException e) {
      throw StoreException.of("reading the trigger results of " + runIds.size() + " runs", e);
    }
  }

  @Override
  public java.util.Set<String> pendingTriggerRuns(Collection<String> runIds) {
    java.util.Set<String> pending = new java.util.HashSet<>();
    Connection c = database.connection();
    try {
      for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT run_id FROM trigger_pending WHERE run_id = ANY(?)")) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              pending.add(rs.getString(1));
            }
          }
        }
      }
      return pending;
    } catch (SQLException e) {
      throw StoreException.of("reading which of " + runIds.size() + " runs wait for triggers", e);
    }
  }

  @Override
  public Map<String, Map<Integer, double[]>> samples(String runId) {
    String doing = "reading the samples of run " + runId;
    Map<String, Map<Integer, double[]>> byDirection = new HashMap<>();
    Map<String, List<Integer>> positions = new HashMap<>();
    try {
      for (Object[] row :
          SqlRows.query(
              database,
              doing,
              "SELECT direction, position, sample_values FROM run_value_samples"
                  + " WHERE run_id = ? AND sample_values IS NOT NULL",
              rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getBytes(3)},
              runId)) {
        String direction = (String) row[0];
        double[] sample = ValueSampleBytes.doubles((byte[]) row[2]);
        int index =
            positions
                .computeIfAbsent(direction, d -> positions(d, runId, doing))
                .indexOf((Integer) row[1]);
        byDirection.computeIfAbsent(direction, k -> new HashMap<>()).put(index, sample);
      }
    } catch (IllegalArgumentException e) {
      throw new StoreException("cannot read the samples of run " + runId, e);
    }
    return byDirection;
  }

  /** The positions of the run's inputs or outputs, in order. */
  private List<Integer> positions(String direction, String runId, String doing) {
    String table = "input".equals(direction) ? "run_inputs" : "run_outputs";
    return SqlRows.query(
        database,
        doing,
        "SELECT position FROM " + table + " WHERE run_id = ? ORDER BY position",
        rs -> rs.getInt(1),
        runId);
  }

  /** A {@code trigger_results} row, read by column name. */
  static TriggerOutcome triggerOutcome(ResultSet rs) throws SQLException {
    return new TriggerOutcome(
        rs.getString("run_id"),
        rs.getString("phase"),
        rs.getInt("position"),
        rs.getString("component"),
        rs.getString("trigger_name"),
        rs.getString("status"),
        Jdbc.doubleOrNull(rs, "value"),
        Jdbc.doubleOrNull(rs, "threshold"),
        rs.getString("message"),
        rs.getBoolean("alert"),
        Jdbc.time(rs, "evaluated_at"),
        rs.getLong("duration_micros"));
  }

  static RunRow runRow(ResultSet rs) throws SQLException {
    return new RunRow(
        rs.getString("id"),
        rs.getString("component"),
        rs.getString("method"),
        rs.getString("agent_id"),
        rs.getString("host"),
        Jdbc.longOrNull(rs, "pid"),
        rs.getString("thread"),
        Jdbc.time(rs, "start_time"),
        Jdbc.time(rs, "end_time"),
        Jdbc.longOrNull(rs, "duration_nanos"),
        rs.getString("code_version"),
        rs.getString("git_commit"),
        rs.getString("status"),
        rs.getString("error_class"),
        rs.getString("error_message"),
        Jdbc.time(rs, "ingested_at"),
        rs.getLong("unrecorded_before"));
  }

  private static Dependency dependency(ResultSet rs) throws SQLException {
    return new Dependency(
        rs.getString("run_id"), rs.getString("depends_on_run_id"), rs.getString("pointer_id"));
  }

  private <T> List<T> query(
      String doing, String sql, SqlRows.RowMapper<T> mapper, String... params) {
    return SqlRows.query(database, doing, sql, mapper, (Object[]) params);
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }
}
