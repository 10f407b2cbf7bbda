package org.mltrace.collector.staleness;

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
import org.mltrace.collector.store.AnyOf;
import org.mltrace.collector.store.Database;

/**
 * Reads what the staleness rules need for many runs at once: a fixed number of statements per
 * batch (per chunk of ids, see {@link AnyOf}), never one per run, so {@code history} of 1,000 runs
 * costs about what one run costs.
 */
final class StalenessFacts {
  /** A checked run: its component and start time. */
  record Checked(String runId, String component, Instant start) {}

  /** A dependency of a checked run: the upstream run, its component and end time. */
  record Upstream(String runId, String component, Instant end) {}

  private final Database database;
  private final Connection c;

  StalenessFacts(Database database) {
    this.database = database;
    this.c = database.connection();
  }

  /** The checked runs that exist, in the order of {@code runIds}. */
  List<Checked> runs(List<String> runIds) throws SQLException {
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
                new Checked(rs.getString("id"), rs.getString("component"), time(rs, "start_time")));
          }
        }
      }
    }
    return runIds.stream().filter(found::containsKey).map(found::get).toList();
  }

  /** Each component's declared {@code stale_after}; components without one are absent. */
  Map<String, Duration> declaredStaleAfter() throws SQLException {
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
  }

  /** Each checked run's distinct upstream runs, by the upstream's end time then id. */
  Map<String, List<Upstream>> dependencies(List<String> runIds) throws SQLException {
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
  }

  /**
   * For each window, the latest run of {@code component} that could supersede something (status
   * ok, at least one output that is a value) and ended strictly inside it and by {@code now}, by
   * window index; windows without one are absent. One statement per chunk of windows: the database
   * probes the {@code (component, end_time)} index once per window, without a round trip each
   * (a history page or a review asks for thousands of windows).
   */
  Map<Integer, String> latestSuperseding(String component, List<Window> windows, Instant now)
      throws SQLException {
    String sql =
        "SELECT w.k, (SELECT x.id FROM component_runs x WHERE x.component = ?"
            + " AND x.end_time > CAST(w.f AS TIMESTAMP WITH TIME ZONE)"
            + " AND x.end_time < CAST(w.t AS TIMESTAMP WITH TIME ZONE) AND x.end_time <= ?"
            + " AND x.status = 'ok' AND EXISTS (SELECT 1 FROM run_outputs o WHERE o.run_id = x.id"
            + " AND o.value_kind NOT IN ('ABSENT', 'NULL', 'ERROR'))"
            + " ORDER BY x.component, x.end_time DESC, x.id DESC FETCH FIRST 1 ROWS ONLY)"
            + " FROM UNNEST(?, ?, ?) AS w(k, f, t)";
    Map<Integer, String> latest = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int from = 0; from < windows.size(); from += AnyOf.CHUNK) {
        List<Window> chunk = windows.subList(from, Math.min(windows.size(), from + AnyOf.CHUNK));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          keys.add(Integer.toString(from + i));
        }
        ps.setString(1, component);
        ps.setObject(2, utc(now));
        // Times travel as ISO-8601 text and are cast in SQL: H2 and PostgreSQL name the
        // timestamp array type differently, VARCHAR arrays they share.
        AnyOf.bind(ps, 3, keys);
        AnyOf.bind(ps, 4, chunk.stream().map(w -> w.after().toString()).toList());
        AnyOf.bind(ps, 5, chunk.stream().map(w -> w.before().toString()).toList());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(2);
            if (id != null) {
              latest.put(Integer.parseInt(rs.getString(1)), id);
            }
          }
        }
      }
    }
    return latest;
  }

  /** A stretch of time, both ends excluded. */
  record Window(Instant after, Instant before) {}

  /** Each run's failed trigger results evaluated by {@code now}, as reason details. */
  Map<String, List<String>> failedTriggers(Collection<String> runIds, Instant now)
      throws SQLException {
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
  }

  /**
   * The latest run (by start time, up to {@code now}) of each component. One indexed lookup per
   * component (index {@code (component, start_time)}): a single query with a correlated NOT EXISTS
   * took 8 s on H2 for 10,000 runs, and the web UI asks on every page.
   */
  List<Checked> latestRuns(Instant now) throws SQLException {
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
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static Instant time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
