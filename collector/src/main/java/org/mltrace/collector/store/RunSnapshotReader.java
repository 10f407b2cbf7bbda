package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;

/**
 * Reads stored runs as triggers see them ({@link RunSnapshot}): the run rows first, then the
 * inputs, outputs, summaries and samples of all of them with one statement per table, so that a
 * batch's history costs a handful of statements whatever its number of runs.
 *
 * <p>Thread-safe: the engine's workers look up pinned runs and other components concurrently, and
 * every method holds the database's lock while it uses the one connection.
 */
public final class RunSnapshotReader {
  private static final String RUN_COLUMNS = "id, component, start_time, end_time, status";

  private final Database database;
  private final AtomicLong historyQueries = new AtomicLong();

  public RunSnapshotReader(Database database) {
    this.database = database;
  }

  /** The database it reads, for the other per-batch facts a trigger may need. */
  public Database database() {
    return database;
  }

  /** How many times {@link #history} queried the database: once per component per batch. */
  public long historyQueries() {
    return historyQueries.get();
  }

  /** The stored runs among {@code ids}, in no particular order. */
  public List<RunSnapshot> runs(Collection<String> ids) {
    synchronized (database) {
      try {
        List<RunHead> heads = new ArrayList<>();
        for (List<String> chunk : AnyOf.chunks(database, List.copyOf(new LinkedHashSet<>(ids)))) {
          heads.addAll(
              heads(
                  "SELECT " + RUN_COLUMNS + " FROM component_runs WHERE id = ANY(?)",
                  ps -> AnyOf.bind(ps, 1, chunk)));
        }
        return withValues(heads);
      } catch (SQLException e) {
        throw StoreException.of("reading " + ids.size() + " runs for triggers", e);
      }
    }
  }

  /**
   * The component's runs that ended before {@code windowEnd}: every one that ended at or after
   * {@code windowStart}, plus the {@code depth} latest that ended before it; newest (end time)
   * first. With {@code windowStart}/{@code windowEnd} the earliest and latest start of the batch's
   * runs of this component, each of them finds its own {@code depth} predecessors in the result.
   */
  public List<RunSnapshot> history(
      String component, Instant windowStart, Instant windowEnd, int depth) {
    synchronized (database) {
      historyQueries.incrementAndGet();
      try {
        // The ORDER BYs name component, fixed as it is: H2 reads the (component, end_time DESC,
        // id DESC) index in order only when the ORDER BY starts with its first column (V024).
        String byComponent = " FROM component_runs WHERE component = ? AND end_time < ?";
        List<RunHead> heads =
            heads(
                "SELECT "
                    + RUN_COLUMNS
                    + byComponent
                    + " AND end_time >= ?"
                    + " UNION ALL (SELECT "
                    + RUN_COLUMNS
                    + byComponent
                    + " ORDER BY component, end_time DESC, id DESC LIMIT ?)",
                ps -> {
                  Jdbc.setText(ps, 1, component);
                  Jdbc.setTime(ps, 2, windowEnd);
                  Jdbc.setTime(ps, 3, windowStart);
                  Jdbc.setText(ps, 4, component);
                  Jdbc.setTime(ps, 5, windowStart);
                  ps.setInt(6, depth);
                });
        return newestFirst(withValues(heads));
      } catch (SQLException e) {
        throw StoreException.of("reading the history of component " + component, e);
      }
    }
  }

  /** The component's runs that ended before {@code before}, newest first, at most {@code limit}. */
  public List<RunSnapshot> endedBefore(String component, Instant before, int limit) {
    synchronized (database) {
      try {
        List<RunHead> heads =
            heads(
                "SELECT "
                    + RUN_COLUMNS
                    + " FROM component_runs WHERE component = ? AND end_time < ?"
                    + " ORDER BY component, end_time DESC, id DESC LIMIT ?",
                ps -> {
                  Jdbc.setText(ps, 1, component);
                  Jdbc.setTime(ps, 2, before);
                  ps.setInt(3, Math.max(0, limit));
                });
        return newestFirst(withValues(heads));
      } catch (SQLException e) {
        throw StoreException.of("reading the runs of component " + component, e);
      }
    }
  }

  private static List<RunSnapshot> newestFirst(List<RunSnapshot> runs) {
    List<RunSnapshot> sorted = new ArrayList<>(runs);
    sorted.sort(
        java.util.Comparator.comparing(RunSnapshot::end).thenComparing(RunSnapshot::id).reversed());
    return sorted;
  }

  private record RunHead(String id, String component, Instant start, Instant end, String status) {}

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<RunHead> heads(String sql, Binder binder) throws SQLException {
    Connection c = database.connection();
    c.setAutoCommit(true);
    List<RunHead> heads = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          heads.add(
              new RunHead(
                  rs.getString("id"),
                  rs.getString("component"),
                  Jdbc.time(rs, "start_time"),
                  Jdbc.time(rs, "end_time"),
                  rs.getString("status")));
        }
      }
    }
    return heads;
  }

  /** Adds every run's captured data: a few statements per chunk of runs, not a few per run. */
  private List<RunSnapshot> withValues(List<RunHead> heads) throws SQLException {
    Map<String, Values> values = new HashMap<>();
    for (RunHead h : heads) {
      values.put(h.id(), new Values());
    }
    Connection c = database.connection();
    for (List<String> chunk : AnyOf.chunks(database, new ArrayList<>(values.keySet()))) {
      // From the runs' value arrays by key: the run_inputs/run_outputs/run_value_summaries views,
      // filtered by run, made H2 expand every run's values.
      RunRepository.RunValues both = RunValueReader.values(database, chunk);
      readValues(both.inputs(), values, true);
      readValues(both.outputs(), values, false);
      readSamples(c, chunk, values);
    }
    List<RunSnapshot> runs = new ArrayList<>();
    for (RunHead h : heads) {
      Values v = values.get(h.id());
      runs.add(
          new RunSnapshot(
              h.id(),
              h.component(),
              h.start(),
              h.end(),
              h.status(),
              v.list(v.inputs),
              v.list(v.outputs)));
    }
    return runs;
  }

  private static void readValues(
      Map<String, List<ValueRow>> rows, Map<String, Values> values, boolean inputs) {
    for (Map.Entry<String, List<ValueRow>> e : rows.entrySet()) {
      Values v = values.get(e.getKey());
      for (ValueRow row : e.getValue()) {
        Value value = new Value();
        value.name = row.name();
        value.kind = row.valueKind();
        value.text = row.valueText();
        value.pointerId = row.pointerId();
        value.size = row.size();
        ValueSummary s = row.summary();
        if (s != null) {
          value.summary =
              new CapturedData.Summary(
                  s.elements(),
                  s.sampling(),
                  s.count(),
                  s.sampled(),
                  s.nulls(),
                  s.nans(),
                  s.min(),
                  s.max(),
                  s.mean(),
                  s.stddev(),
                  s.distinct());
        }
        (inputs ? v.inputs : v.outputs).put(row.position(), value);
      }
    }
  }

  private static void readSamples(Connection c, List<String> ids, Map<String, Values> values)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT run_id, direction, position, sample_values, element_hashes"
                + " FROM run_value_samples WHERE run_id = ANY(?)")) {
      AnyOf.bind(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Value value =
              values
                  .get(rs.getString("run_id"))
                  .at(rs.getString("direction"), rs.getInt("position"));
          if (value != null) {
            value.sample = ValueSampleBytes.doubles(rs.getBytes("sample_values"));
            value.hashes = ValueSampleBytes.longs(rs.getBytes("element_hashes"));
          }
        }
      }
    }
  }

  /** One run's values by position while they are read, table after table. */
  private static final class Values {
    final TreeMap<Integer, Value> inputs = new TreeMap<>();
    final TreeMap<Integer, Value> outputs = new TreeMap<>();

    Value at(String direction, int position) {
      return ("input".equals(direction) ? inputs : outputs).get(position);
    }

    List<CapturedData> list(TreeMap<Integer, Value> byPosition) {
      List<CapturedData> list = new ArrayList<>(byPosition.size());
      for (Value v : byPosition.values()) {
        list.add(
            new CapturedData(
                v.name, v.kind, v.text, v.pointerId, v.size, v.summary, v.sample, v.hashes));
      }
      return list;
    }
  }

  private static final class Value {
    String name;
    String kind;
    String text;
    String pointerId;
    Long size;
    CapturedData.Summary summary;
    double[] sample;
    long[] hashes;
  }
}
