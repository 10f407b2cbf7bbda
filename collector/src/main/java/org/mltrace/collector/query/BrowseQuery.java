package org.mltrace.collector.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.collector.lineage.Dependency;
import org.mltrace.collector.store.AnyOf;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.ValueRow;

/**
 * The reads the web UI needs beyond the CLI's: a component's history a page at a time with its
 * numeric outputs, stored trigger results, the marks of a set of runs (failed triggers, flagged
 * outputs) and the dependencies among them. Lists of run ids are bound as one array ({@link
 * AnyOf}), a statement per 1,000 runs, so a 2,000-run trace costs a handful of statements.
 *
 * @throws StoreException (from every method) when the database fails
 */
public final class BrowseQuery {
  private final QueryService queries;

  public BrowseQuery(QueryService queries) {
    this.queries = queries;
  }

  /**
   * Runs {@code offset .. offset+limit-1} of the component, newest first.
   *
   * @throws InvalidRequestException if limit is not 1..1000 or offset is negative
   * @throws NotFoundException if no component has this name
   */
  public HistoryPage history(String component, int offset, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit must be between 1 and 1000, got " + limit);
    }
    if (offset < 0) {
      throw new InvalidRequestException("offset must not be negative, got " + offset);
    }
    if (queries.repository().findComponent(component).isEmpty()) {
      throw new NotFoundException("no component named '" + component + "'");
    }
    try {
      Connection c = queries.database().connection();
      long total;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM component_runs WHERE component = ?")) {
        ps.setString(1, component);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<RunSummary> runs = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, component, start_time, end_time, status FROM component_runs"
                  + " WHERE component = ? ORDER BY component, start_time DESC, id DESC"
                  + " LIMIT ? OFFSET ?")) {
        ps.setString(1, component);
        ps.setInt(2, limit);
        ps.setInt(3, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            runs.add(
                new RunSummary(
                    rs.getString(1), rs.getString(2), time(rs, 3), time(rs, 4), rs.getString(5)));
          }
        }
      }
      // The page's numeric outputs, from its runs' value arrays by key (the run_outputs view,
      // filtered by run, made H2 expand every run's values: 57 s for a page of 50 among 10,000).
      Map<String, Map<String, Double>> metrics = new HashMap<>();
      Map<String, List<ValueRow>> outputs =
          queries.repository().outputs(runs.stream().map(RunSummary::id).toList());
      for (Map.Entry<String, List<ValueRow>> e : outputs.entrySet()) {
        for (ValueRow v : e.getValue()) {
          Double n =
              "DOUBLE".equals(v.valueKind()) || "LONG".equals(v.valueKind())
                  ? number(v.valueText())
                  : null;
          if (n != null) {
            metrics.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(v.name(), n);
          }
        }
      }
      return new HistoryPage(component, offset, limit, total, runs, metrics);
    } catch (SQLException e) {
      throw new StoreException("cannot read the history of component " + component, e);
    }
  }

  /**
   * The upstream lineage of a run, or of an output's latest producer, breadth first, within {@code
   * limits} as {@code trace} applies them (at most {@code depth} levels; only producers started in
   * [since, until), whose own producers are then not followed), at most {@code maxRuns} runs. One
   * statement per level (per 1,000 runs of it) and per 1,000 runs read, where {@link
   * QueryService#trace} reads each run with its values.
   *
   * @throws NotFoundException if {@code id} is neither a run nor a recorded output
   */
  public RunGraph upstream(String id, TraceLimits limits, int maxRuns) {
    String pointer = null;
    boolean flagged = false;
    String root;
    if (queries.repository().findRun(id).isPresent()) {
      root = id;
    } else {
      var row =
          queries
              .findPointer(id)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "no run or output with id '"
                              + id
                              + "' (try 'mltrace history COMPONENT' to list runs)"));
      pointer = row.identifier();
      flagged = row.flag();
      root = queries.repository().latestProducerOf(pointer).orElse(null);
    }
    if (root == null) {
      return new RunGraph(pointer, flagged, null, List.of(), false);
    }
    java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(List.of(root));
    List<String> frontier = List.of(root);
    boolean truncated = false;
    boolean windowed = limits.since() != null || limits.until() != null;
    try {
      Connection c = queries.database().connection();
      for (int level = 0;
          !frontier.isEmpty() && !truncated && (limits.depth() < 0 || level < limits.depth());
          level++) {
        List<String> next = new ArrayList<>();
        for (List<String> chunk : chunks(frontier)) {
          // The producers' start times only when a window needs them: the join doubles the
          // cost of a level (0.15 against 0.08 ms a level on a 2,000-run chain, H2).
          String sql =
              windowed
                  ? "SELECT d.depends_on_run_id, r.start_time FROM run_dependencies d"
                      + " JOIN component_runs r ON r.id = d.depends_on_run_id"
                      + " WHERE d.run_id = ANY(?) ORDER BY d.run_id, d.pointer_id"
                  : "SELECT depends_on_run_id FROM run_dependencies WHERE run_id = ANY(?)"
                      + " ORDER BY run_id, pointer_id";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            AnyOf.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String producer = rs.getString(1);
                if (seen.contains(producer) || (windowed && !limits.includes(time(rs, 2)))) {
                  continue;
                }
                if (seen.size() >= maxRuns) {
                  truncated = true;
                  break;
                }
                seen.add(producer);
                next.add(producer);
              }
            }
          }
        }
        frontier = next;
      }
      return new RunGraph(pointer, flagged, root, summaries(c, seen), truncated);
    } catch (SQLException e) {
      throw new StoreException("cannot read the lineage of " + id, e);
    }
  }

  private List<RunSummary> summaries(Connection c, Collection<String> ids) throws SQLException {
    Map<String, RunSummary> byId = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      String sql =
          "SELECT id, component, start_time, end_time, status FROM component_runs WHERE id = ANY(?)"
              + "";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        AnyOf.bind(ps, 1, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byId.put(
                rs.getString(1),
                new RunSummary(
                    rs.getString(1), rs.getString(2), time(rs, 3), time(rs, 4), rs.getString(5)));
          }
        }
      }
    }
    List<RunSummary> runs = new ArrayList<>();
    for (String id : ids) {
      if (byId.containsKey(id)) {
        runs.add(byId.get(id));
      }
    }
    return runs;
  }

  /** The trigger results of the runs, in run order then phase and position. */
  public List<TriggerPoint> triggerResults(Collection<String> runIds) {
    List<TriggerPoint> results = new ArrayList<>();
    try {
      Connection c = queries.database().connection();
      for (List<String> chunk : chunks(runIds)) {
        String sql =
            "SELECT t.run_id, r.start_time, t.phase, t.position, t.trigger_name, t.status, t.value,"
                + " t.threshold, t.message FROM trigger_results t"
                + " JOIN component_runs r ON r.id = t.run_id WHERE t.run_id = ANY(?)"
                + " ORDER BY r.start_time, t.run_id, t.phase DESC, t.position";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              results.add(
                  new TriggerPoint(
                      rs.getString(1),
                      time(rs, 2),
                      rs.getString(3),
                      rs.getInt(4),
                      rs.getString(5),
                      rs.getString(6),
                      doubleOrNull(rs, 7),
                      doubleOrNull(rs, 8),
                      rs.getString(9)));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read trigger results", e);
    }
    return results;
  }

  /** Failed triggers and flagged outputs of each run that has any; runs without are left out. */
  public Map<String, RunMarks> marks(Collection<String> runIds) {
    Map<String, List<String>> failed = new HashMap<>();
    Map<String, List<String>> flagged = new HashMap<>();
    try {
      Connection c = queries.database().connection();
      for (List<String> chunk : chunks(runIds)) {
        collect(
            c,
            "SELECT run_id, trigger_name FROM trigger_results WHERE status = 'fail'"
                + " AND run_id = ANY(?) ORDER BY run_id, phase DESC, position",
            chunk,
            failed);
        collect(
            c,
            "SELECT o.run_id, o.pointer_id FROM run_writes o JOIN io_pointers p"
                + " ON p.identifier = o.pointer_id WHERE p.flag = TRUE AND o.run_id = ANY(?)"
                + " ORDER BY o.run_id, o.position",
            chunk,
            flagged);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the marks of runs", e);
    }
    Map<String, RunMarks> marks = new HashMap<>();
    for (String id : runIds) {
      List<String> f = failed.getOrDefault(id, List.of());
      List<String> o = flagged.getOrDefault(id, List.of());
      if (!f.isEmpty() || !o.isEmpty()) {
        marks.put(id, new RunMarks(f, o));
      }
    }
    return marks;
  }

  /** The dependencies whose both ends are among the runs: {@code [consumer, producer, pointer]}. */
  public List<String[]> edgesAmong(Collection<String> runIds) {
    java.util.Set<String> ids = new java.util.HashSet<>(runIds);
    return new JdbcGraphStore(queries.database())
        .upstreamOf(ids).stream()
            .filter(d -> ids.contains(d.dependsOnRunId()))
            .sorted(
                java.util.Comparator.comparing(Dependency::runId)
                    .thenComparing(Dependency::pointerId))
            .map(d -> new String[] {d.runId(), d.dependsOnRunId(), d.pointerId()})
            .toList();
  }

  private static void collect(
      Connection c, String sql, List<String> ids, Map<String, List<String>> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      AnyOf.bind(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
  }

  /** The distinct ids in chunks for {@code = ANY(?)}, first occurrence first. */
  private List<List<String>> chunks(Collection<String> ids) {
    return AnyOf.chunks(queries.database(), List.copyOf(new java.util.LinkedHashSet<>(ids)));
  }

  static Instant time(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /** A captured number's text as a double, or null when it is not a finite number. */
  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
