package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /metrics} reads when scraped: stored runs, dead letters, queue positions, agent
 * counters, open alerts, trigger values and task metrics. Each read returns at most {@code max}
 * series: every column but the last is a label value (null becomes {@code ""}), the last is the
 * value (rows with a null value are left out). Throws {@link StoreException} carrying the
 * database's own message when it fails.
 */
public final class JdbcScrapeStore {
  /** Where a queue's ingest stands ({@code ingest_positions}). */
  public record QueuePosition(String queueId, long lastIndex, Instant updatedAt) {}

  private static final String RECENT_AGENTS =
      " FROM agent_stats WHERE reported_at >= ? ORDER BY reported_at DESC, agent_id";

  private final Database database;

  public JdbcScrapeStore(Database database) {
    this.database = database;
  }

  /** Runs by component and status. */
  public List<MetricSample> runsStored(int max) {
    // kept at ingest (V029): counting component_runs took seconds at 10M runs
    return read(
        max,
        "SELECT component, status, runs FROM component_run_counts"
            + " WHERE runs > 0 ORDER BY component, status");
  }

  /** Dead letters by queue id. */
  public List<MetricSample> deadLetters(int max) {
    return read(
        max, "SELECT queue_id, COUNT(*) FROM dead_letters GROUP BY queue_id ORDER BY queue_id");
  }

  public List<QueuePosition> ingestPositions() {
    List<QueuePosition> positions = new ArrayList<>();
    try (var st =
            database
                .connection()
                .prepareStatement("SELECT queue_id, last_index, updated_at FROM ingest_positions");
        var rs = st.executeQuery()) {
      while (rs.next()) {
        positions.add(
            new QueuePosition(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
    return positions;
  }

  /** Events written by the agents that reported since {@code since}: agent, host, count. */
  public List<MetricSample> agentEventsWritten(Instant since, int max) {
    return read(max, "SELECT agent_id, host, events_written" + RECENT_AGENTS, since);
  }

  public List<MetricSample> agentEventsDropped(Instant since, int max) {
    return read(max, "SELECT agent_id, host, events_dropped" + RECENT_AGENTS, since);
  }

  public List<MetricSample> agentInternalErrors(Instant since, int max) {
    return read(max, "SELECT agent_id, host, internal_errors" + RECENT_AGENTS, since);
  }

  /** Unrecorded calls of the agents that reported since {@code since}: agent, count. */
  public List<MetricSample> agentUnrecordedCalls(Instant since, int max) {
    return read(
        max,
        "SELECT u.agent_id, SUM(u.count) FROM agent_unrecorded u JOIN agent_stats s"
            + " ON s.agent_id = u.agent_id WHERE s.reported_at >= ? GROUP BY u.agent_id",
        since);
  }

  /** Health counts of the agents that reported since {@code since}: agent, kind, count. */
  public List<MetricSample> agentHealth(Instant since, int max) {
    return read(
        max,
        "SELECT h.agent_id, h.kind, h.count FROM agent_health h JOIN agent_stats s"
            + " ON s.agent_id = h.agent_id WHERE s.reported_at >= ?"
            + " ORDER BY h.agent_id, h.kind",
        since);
  }

  /** Open alerts by component, phase, position and trigger. */
  public List<MetricSample> openAlerts(int max) {
    return read(
        max,
        "SELECT component, phase, position, trigger_name, COUNT(*) FROM alerts"
            + " WHERE status = 'open' GROUP BY component, phase, position, trigger_name"
            + " ORDER BY component, phase, position");
  }

  /** Each declaration's value in its latest evaluation: component, phase, position, trigger. */
  public List<MetricSample> latestTriggerValues(int max) {
    return read(
        max,
        "SELECT t.component, t.phase, t.position, t.trigger_name, t.value"
            + " FROM trigger_results t JOIN (SELECT component, phase, position,"
            + " MAX(evaluated_at) latest FROM trigger_results"
            + " GROUP BY component, phase, position) l"
            + " ON t.component = l.component AND t.phase = l.phase"
            + " AND t.position = l.position AND t.evaluated_at = l.latest"
            + " ORDER BY t.component, t.phase, t.position, t.run_id DESC");
  }

  /** Each task metric's latest value: prediction component, task, metric. */
  public List<MetricSample> latestTaskMetrics(int max) {
    return read(
        max,
        "SELECT t.prediction_component, m.task, m.metric, m.metric_value"
            + " FROM task_metrics m JOIN (SELECT task, MAX(seq) latest FROM task_evaluations"
            + " GROUP BY task) l ON m.task = l.task AND m.seq = l.latest"
            + " JOIN tasks t ON t.name = m.task ORDER BY m.task, m.metric");
  }

  private List<MetricSample> read(int maxRows, String sql, Object... params) {
    List<MetricSample> samples = new ArrayList<>();
    try (PreparedStatement st = database.connection().prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof Instant t) {
          st.setTimestamp(i + 1, Timestamp.from(t));
        } else {
          st.setObject(i + 1, params[i]);
        }
      }
      st.setMaxRows(maxRows);
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          double value = rs.getDouble(columns);
          if (rs.wasNull()) {
            continue;
          }
          List<String> labels = new ArrayList<>(columns - 1);
          for (int i = 1; i < columns; i++) {
            String v = rs.getString(i);
            labels.add(v == null ? "" : v);
          }
          samples.add(new MetricSample(labels, value));
        }
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
    return samples;
  }
}
