package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the staleness rules need for many runs at once: a fixed number of statements per batch
 * (per chunk of ids, see {@link AnyOf}), never one per run, so {@code history} of 1,000 runs costs
 * about what one run costs.
 */
public final class StalenessFacts {
  /** A checked run: its component and start time. */
  public record Checked(String runId, String component, Instant start) {}

  /** A dependency of a checked run: the upstream run, its component and end time. */
  public record Upstream(String runId, String component, Instant end) {}

  private final Database database;
  private final Connection c;

  public StalenessFacts(Database database) {
    this.database = database;
    this.c = database.connection();
  }

  public Database database() {
    return database;
  }

  /** The checked runs that exist, in the order of {@code runIds}. */
  public List<Checked> runs(List<String> runIds) {
    try {
      Map<String, Checked> found = new HashMap<>();
      for (List<String> chunk : AnyOf.chunks(database, runIds)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, component, start_time FROM component_runs WHERE id = ANY(?)")) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              found.put(
                  rs.getString("id"),
                  new Checked(
                      rs.getString("id"), rs.getString("component"), time(rs, "start_time")));
            }
          }
        }
      }
      return runIds.stream().filter(found::containsKey).map(found::get).toList();
    } catch (SQLException e) {
      throw StoreException.of("reading the runs to check for staleness", e);
    }
  }

  /** Each component's declared {@code stale_after}; components without one are absent. */
  public Map<String, Duration> declaredStaleAfter() {
    try {
      Map<String, Duration> declared = new HashMap<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, stale_after_seconds FROM components"
                      + " WHERE stale_after_seconds IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          declared.put(rs.getString(1), Duration.ofSeconds(rs.getLong(2)));
        }
      }
      return declared;
    } catch (SQLException e) {
      throw StoreException.of("reading the components' stale_after", e);
    }
  }

  /** Each checked run's distinct upstream runs, by the upstream's end time then id. */
  public Map<String, List<Upstream>> dependencies(List<String> runIds) {
    try {
      Map<String, List<Upstream>> byRun = new HashMap<>();
      for (List<String> chunk : AnyOf.chunks(database, runIds)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT d.run_id, r.id, r.component, r.end_time FROM run_dependencies d"
                    + " JOIN component_runs r ON r.id = d.depends_on_run_id"
                    + " WHERE d.run_id = ANY(?)")) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byRun
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      new Upstream(
                          rs.getString(2), rs.getString("component"), time(rs, "end_time")));
            }
          }
        }
      }
      Comparator<Upstream> order =
          Comparator.comparing(Upstream::end).thenComparing(Upstream::runId);
      byRun.values().forEach(deps -> deps.sort(order));
      return byRun;
    } catch (SQLException e) {
      throw StoreException.of("reading the checked runs' dependencies", e);
    }
  }

  /**
   * A pointer a checked run read from one of its dependencies: the upstream run, the pointer, and
   * the name of the run's input that held it (null when no input row names it).
   */
  public record Read(String upstreamRunId, String pointer, String inputName) {}

  /** Each checked run's reads through its dependencies, by pointer then upstream run. */
  public Map<String, List<Read>> reads(List<String> runIds) {
    try {
      Map<String, List<Read>> byRun = new HashMap<>();
      for (List<String> chunk : AnyOf.chunks(database, runIds)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT d.run_id, d.depends_on_run_id, d.pointer_id, MIN(i.name)"
                    + " FROM run_dependencies d LEFT JOIN run_reads i"
                    + " ON i.run_id = d.run_id AND i.pointer_id = d.pointer_id"
                    + " WHERE d.run_id = ANY(?)"
                    + " GROUP BY d.run_id, d.depends_on_run_id, d.pointer_id"
                    + " ORDER BY d.run_id, d.pointer_id, d.depends_on_run_id")) {
          AnyOf.bind(ps, 1, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byRun
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new Read(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
          }
        }
      }
      return byRun;
    } catch (SQLException e) {
      throw StoreException.of("reading what the checked runs read", e);
    }
  }

  /**
   * A run that superseded what a reader read: {@code rewrote} when it wrote the same pointer again,
   * else it wrote an object that runs of the reader's component read under the same input name.
   */
  public record Superseder(String runId, boolean rewrote) {}

  /**
   * For each window, the latest run of the window's upstream component (status ok) that ended
   * strictly inside it and by {@code now} and wrote a newer version of the window's pointer: the
   * same pointer again (a file rewritten), or another one that a run of the reader's component,
   * started by {@code now}, read under the window's input name (the same role: the next model a
   * predict step loads as {@code model}; not the test split a training run never reads). By window
   * index; windows without one are absent. One statement per chunk of windows, whatever their
   * upstream components (one per component cost {@code components} a statement per component on
   * every call): the database walks the pointer's writers in the window ({@code run_writes
   * (pointer_id, end_time)}; bounding only the run's end scanned every write of a pointer rewritten
   * all history long, such as a model file, per window) and the component's runs in the window
   * ({@code (component, end_time)}), then each such run's writes by key and their readers by
   * pointer (nested, so the planner cannot start from every run of the reader's component), without
   * a round trip per window (a history page asks for thousands). The bound by {@code now} is
   * written as {@code <= LEAST(now, window end)}, the same condition next to {@code < window end}:
   * H2 2.4, given two upper bounds on a descending index column, starts its range at the larger, so
   * a plain {@code <= now} walked every run of the component that ended after the window (95% of
   * {@code review}'s time on H2, 7 s of 18,000 windows on a 50,000-run history).
   */
  public Map<Integer, Superseder> latestSuperseding(List<Window> windows, Instant now) {
    try {
      String inWindow =
          " AND x.component = w.u AND x.status = 'ok'"
              + " AND x.end_time > CAST(w.f AS TIMESTAMP WITH TIME ZONE)"
              + " AND x.end_time < CAST(w.t AS TIMESTAMP WITH TIME ZONE)"
              + " AND x.end_time <= LEAST(?, CAST(w.t AS TIMESTAMP WITH TIME ZONE))";
      String sql =
          "SELECT w.k,"
              + " (SELECT x.id FROM run_writes o JOIN component_runs x ON x.id = o.run_id"
              + " WHERE o.pointer_id = w.p"
              + " AND o.end_time > CAST(w.f AS TIMESTAMP WITH TIME ZONE)"
              + " AND o.end_time < CAST(w.t AS TIMESTAMP WITH TIME ZONE)"
              + inWindow
              + " ORDER BY o.pointer_id, o.end_time DESC, o.run_id DESC FETCH FIRST 1 ROWS ONLY),"
              + " (SELECT x.id FROM component_runs x WHERE w.i IS NOT NULL"
              + inWindow
              // the run's own outputs (V026's view of its array): run_writes has no key by run
              + " AND EXISTS (SELECT 1 FROM run_outputs o WHERE o.run_id = x.id AND o.pointer_id <> w.p"
              + " AND EXISTS (SELECT 1 FROM run_reads i JOIN component_runs y ON y.id = i.run_id"
              + " WHERE i.pointer_id = o.pointer_id AND i.name = w.i"
              + " AND y.component = w.c AND y.start_time <= ?))"
              + " ORDER BY x.component, x.end_time DESC, x.id DESC FETCH FIRST 1 ROWS ONLY)"
              + " FROM UNNEST(?, ?, ?, ?, ?, ?, ?) AS w(k, u, f, t, p, c, i)";
      Map<Integer, Superseder> latest = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int from = 0; from < windows.size(); from += AnyOf.CHUNK) {
          List<Window> chunk = windows.subList(from, Math.min(windows.size(), from + AnyOf.CHUNK));
          List<String> keys = new ArrayList<>();
          for (int i = 0; i < chunk.size(); i++) {
            keys.add(Integer.toString(from + i));
          }
          ps.setObject(1, utc(now));
          ps.setObject(2, utc(now));
          ps.setObject(3, utc(now));
          // Times travel as ISO-8601 text and are cast in SQL: H2 and PostgreSQL name the
          // timestamp array type differently, VARCHAR arrays they share.
          AnyOf.bind(ps, 4, keys);
          AnyOf.bind(ps, 5, chunk.stream().map(Window::upstreamComponent).toList());
          AnyOf.bind(ps, 6, chunk.stream().map(w -> w.after().toString()).toList());
          AnyOf.bind(ps, 7, chunk.stream().map(w -> w.before().toString()).toList());
          AnyOf.bind(ps, 8, chunk.stream().map(Window::pointer).toList());
          AnyOf.bind(ps, 9, chunk.stream().map(Window::readerComponent).toList());
          AnyOf.bind(ps, 10, chunk.stream().map(Window::inputName).toList());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String rewrote = rs.getString(2);
              String role = rs.getString(3);
              if (rewrote != null || role != null) {
                latest.put(
                    Integer.parseInt(rs.getString(1)),
                    rewrote != null ? new Superseder(rewrote, true) : new Superseder(role, false));
              }
            }
          }
        }
      }
      return latest;
    } catch (SQLException e) {
      throw StoreException.of("looking for newer versions of what runs read", e);
    }
  }

  /**
   * A stretch of time, both ends excluded, after a reader's dependency (a run of {@code
   * upstreamComponent}) ended and before the reader started; the pointer it read, its component,
   * and the input name it read the pointer under.
   */
  public record Window(
      String upstreamComponent,
      Instant after,
      Instant before,
      String pointer,
      String readerComponent,
      String inputName) {}

  /** Each run's failed trigger results evaluated by {@code now}, as reason details. */
  public Map<String, List<String>> failedTriggers(Collection<String> runIds, Instant now) {
    try {
      Map<String, List<String>> byRun = new LinkedHashMap<>();
      for (List<String> chunk : AnyOf.chunks(database, List.copyOf(runIds))) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT run_id, phase, position, trigger_name, message FROM trigger_results"
                    + " WHERE run_id = ANY(?) AND status = 'fail' AND evaluated_at <= ?"
                    + " ORDER BY run_id, phase DESC, position")) {
          AnyOf.bind(ps, 1, chunk);
          ps.setObject(2, utc(now));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String message = rs.getString("message");
              byRun
                  .computeIfAbsent(rs.getString("run_id"), k -> new ArrayList<>())
                  .add(
                      "failed trigger "
                          + rs.getString("trigger_name")
                          + " ("
                          + rs.getString("phase")
                          + " #"
                          + rs.getInt("position")
                          + ")"
                          + (message == null || message.isBlank() ? "" : ": " + message));
            }
          }
        }
      }
      return byRun;
    } catch (SQLException e) {
      throw StoreException.of("reading the checked runs' failed triggers", e);
    }
  }

  /**
   * The latest run (by start time, up to {@code now}) of each component. One indexed lookup per
   * component (index {@code (component, start_time)}): a single query with a correlated NOT EXISTS
   * took 8 s on H2 for 10,000 runs, and the web UI asks on every page.
   */
  public List<Checked> latestRuns(Instant now) {
    try {
      List<String> components = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM components ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          components.add(rs.getString(1));
        }
      }
      List<Checked> runs = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, start_time FROM component_runs WHERE component = ? AND start_time <= ?"
                  + " ORDER BY component, start_time DESC, id DESC LIMIT 1")) {
        for (String component : components) {
          ps.setString(1, component);
          ps.setObject(2, utc(now));
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              runs.add(new Checked(rs.getString("id"), component, time(rs, "start_time")));
            }
          }
        }
      }
      return runs;
    } catch (SQLException e) {
      throw StoreException.of("reading each component's latest run", e);
    }
  }

  public static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
