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
                "SELECT DISTINCT c.id, r.id, r.component, r.end_time FROM component_runs c"
                    + " JOIN run_dependency_keys d ON d.run_key = c.run_key"
                    + " JOIN component_runs r ON r.run_key = d.depends_on_run_key"
                    + " WHERE c.id = ANY(?)")) {
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
                "SELECT r.id, u.id, p.identifier, MIN(i.name) FROM component_runs r"
                    + " JOIN run_dependency_keys d ON d.run_key = r.run_key"
                    + " JOIN component_runs u ON u.run_key = d.depends_on_run_key"
                    + " JOIN io_pointers p ON p.pointer_key = d.pointer_key"
                    + " LEFT JOIN run_read_keys i"
                    + " ON i.pointer_key = d.pointer_key AND i.run_key = d.run_key"
                    + " WHERE r.id = ANY(?)"
                    + " GROUP BY r.id, u.id, p.identifier"
                    + " ORDER BY r.id, p.identifier, u.id")) {
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
   * every call): the database walks the pointer's writers in the window ({@code run_write_keys
   * (pointer_key, end_time)}; bounding only the run's end scanned every write of a pointer
   * rewritten all history long, such as a model file, per window) and the component's runs in the
   * window ({@code (component, end_time)}), then each such run's writes by key and their readers by
   * pointer (nested, so the planner cannot start from every run of the reader's component), without
   * a round trip per window (a history page asks for thousands). The bound by {@code now} is
   * written as {@code <= LEAST(now, window end)}, the same condition next to {@code < window end}:
   * H2 2.4, given two upper bounds on a descending index column, starts its range at the larger, so
   * a plain {@code <= now} walked every run of the component that ended after the window (95% of
   * {@code review}'s time on H2, 7 s of 18,000 windows on a 50,000-run history).
   */
  public Map<Integer, Superseder> latestSuperseding(List<Window> windows, Instant now) {
    try {
      String sql =
          "SELECT z.k,"
              // among the writers that ended last, the greatest id: keys follow ingest order, so
              // the index's (end_time DESC, run_key DESC) order cannot break the tie by id. The
              // latest end comes from z, a plain column here, so that H2 reads (pointer_key,
              // end_time) as an index range; compared with a subquery naming outer columns, it
              // would walk every writer of the pointer.
              + " (SELECT MAX(x.id) FROM run_write_keys o JOIN component_runs x"
              + " ON x.run_key = o.run_key WHERE o.pointer_key = z.pk AND o.end_time = z.e"
              + inWindow("z")
              + "), z.role FROM (SELECT w.k, w.u, w.f, w.t, wp.pointer_key AS pk,"
              + " (SELECT o.end_time FROM run_write_keys o JOIN component_runs x"
              + " ON x.run_key = o.run_key WHERE o.pointer_key = wp.pointer_key"
              + " AND o.end_time > CAST(w.f AS TIMESTAMP WITH TIME ZONE)"
              + " AND o.end_time < CAST(w.t AS TIMESTAMP WITH TIME ZONE)"
              + inWindow("w")
              + " ORDER BY o.pointer_key, o.end_time DESC FETCH FIRST 1 ROWS ONLY) AS e,"
              + " (SELECT x.id FROM component_runs x WHERE w.i IS NOT NULL"
              + inWindow("w")
              // the run's own outputs (V026's view of its array): run_write_keys has no key by
              // run; one table per level below, so that H2 starts from the pointer's readers
              + " AND EXISTS (SELECT 1 FROM run_outputs o JOIN io_pointers q"
              + " ON q.identifier = o.pointer_id WHERE o.run_id = x.id AND o.pointer_id <> w.p"
              + " AND EXISTS (SELECT 1 FROM run_read_keys i WHERE i.pointer_key = q.pointer_key"
              + " AND i.name = w.i AND EXISTS (SELECT 1 FROM component_runs y"
              + " WHERE y.run_key = i.run_key AND y.component = w.c AND y.start_time <= ?)))"
              + " ORDER BY x.component, x.end_time DESC, x.id DESC FETCH FIRST 1 ROWS ONLY) AS role"
              + " FROM UNNEST(?, ?, ?, ?, ?, ?, ?) AS w(k, u, f, t, p, c, i)"
              + " LEFT JOIN io_pointers wp ON wp.identifier = w.p) z";
      Map<Integer, Superseder> latest = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int from = 0; from < windows.size(); from += AnyOf.CHUNK) {
          List<Window> chunk = windows.subList(from, Math.min(windows.size(), from + AnyOf.CHUNK));
          List<String> keys = new ArrayList<>();
          for (int i = 0; i < chunk.size(); i++) {
            keys.add(Integer.toString(from + i));
          }
          for (int i = 1; i <= 4; i++) {
            ps.setObject(i, utc(now));
          }
          // Times travel as ISO-8601 text and are cast in SQL: H2 and PostgreSQL name the
          // timestamp array type differently, VARCHAR arrays they share.
          AnyOf.bind(ps, 5, keys);
          AnyOf.bind(ps, 6, chunk.stream().map(Window::upstreamComponent).toList());
          AnyOf.bind(ps, 7, chunk.stream().map(w -> w.after().toString()).toList());
          AnyOf.bind(ps, 8, chunk.stream().map(w -> w.before().toString()).toList());
          AnyOf.bind(ps, 9, chunk.stream().map(Window::pointer).toList());
          AnyOf.bind(ps, 10, chunk.stream().map(Window::readerComponent).toList());
          AnyOf.bind(ps, 11, chunk.stream().map(Window::inputName).toList());
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
   * A run {@code x} of the window {@code w}'s upstream component, status ok, that ended inside the
   * window and by {@code now} (the parameter).
   */
  private static String inWindow(String w) {
    return " AND x.component = "
        + w
        + ".u AND x.status = 'ok'"
        + " AND x.end_time > CAST("
        + w
        + ".f AS TIMESTAMP WITH TIME ZONE)"
        + " AND x.end_time < CAST("
        + w
        + ".t AS TIMESTAMP WITH TIME ZONE)"
        + " AND x.end_time <= LEAST(?, CAST("
        + w
        + ".t AS TIMESTAMP WITH TIME ZONE))";
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
