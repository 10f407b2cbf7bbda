package org.mltrace.collector.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.mltrace.collector.ingest.QueueBacklog;
import org.mltrace.collector.queue.QueueException;
import org.mltrace.collector.store.Database;

/**
 * Everything {@code GET /metrics} reports, read when scraped: from the database (runs, dead
 * letters, agents' counters, open alerts, the latest trigger values and task metrics) and from the
 * queue directory (how far ingestion is behind each queue).
 *
 * <p>Label values are bounded: components, triggers and tasks by what is declared or reported; at
 * most {@link #MAX_SERIES} series per metric in any case; agents only those that reported in the
 * last {@link #AGENT_WINDOW}, at most {@link #MAX_AGENTS} (each JVM start is a new agent, so all of
 * them would grow without end); queues those in the directory now (the retention removes finished
 * ones).
 *
 * <p>Fails with {@link java.sql.SQLException} when the database cannot answer; the handler turns
 * that into a 503, which Prometheus records as a failed scrape ({@code up == 0}).
 */
public final class CollectorMetrics implements AutoCloseable {
  static final int MAX_SERIES = 1_000;
  static final int MAX_AGENTS = 100;
  static final Duration AGENT_WINDOW = Duration.ofHours(24);

  private final Database database;
  private final Path queueRoot;
  private final Clock clock;
  private final List<Supplier<MetricSnapshot>> extra = new ArrayList<>();

  private CollectorMetrics(Database database, Path queueRoot, Clock clock) {
    this.database = database;
    this.queueRoot = queueRoot.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** On its own connection to the database at {@code jdbcUrl}, which must exist. */
  public static CollectorMetrics open(String jdbcUrl, Path queueRoot, Clock clock) {
    return new CollectorMetrics(Database.open(jdbcUrl, Database.Access.EXISTING), queueRoot, clock);
  }

  /** Adds a gauge without labels, read from {@code value} at each scrape. */
  public CollectorMetrics withGauge(String name, String help, DoubleSupplier value) {
    extra.add(
        () ->
            Snapshots.gauge(
                name, help, List.of(), List.of(new Sample(List.of(), value.getAsDouble()))));
    return this;
  }

  /** Adds a counter without labels ({@code name} without {@code _total}), read at each scrape. */
  public CollectorMetrics withCounter(String name, String help, DoubleSupplier value) {
    extra.add(
        () ->
            Snapshots.counter(
                name, help, List.of(), List.of(new Sample(List.of(), value.getAsDouble()))));
    return this;
  }

  public MetricSnapshots scrape() throws SQLException {
    Connection c = database.connection();
    List<MetricSnapshot> metrics = new ArrayList<>();
    metrics.add(
        Snapshots.gauge(
            "mltrace_runs_stored",
            "Component runs in the database, by component and status (ok or failed).",
            List.of("component", "status"),
            MetricRows.read(
                c,
                MAX_SERIES,
                // kept at ingest (V029): counting component_runs took seconds at 10M runs
                "SELECT component, status, runs FROM component_run_counts"
                    + " WHERE runs > 0 ORDER BY component, status")));
    metrics.add(
        Snapshots.gauge(
            "mltrace_dead_letters",
            "Queue entries that could not be stored (dead_letters), by queue directory name.",
            List.of("queue"),
            byQueueName(
                MetricRows.read(
                    c,
                    MAX_SERIES,
                    "SELECT queue_id, COUNT(*) FROM dead_letters GROUP BY queue_id ORDER BY queue_id"))));
    metrics.addAll(queueLag(c));
    metrics.addAll(agents(c));
    metrics.add(
        Snapshots.gauge(
            "mltrace_alerts_open",
            "Open alerts, by component and trigger declaration.",
            List.of("component", "phase", "position", "trigger"),
            MetricRows.read(
                c,
                MAX_SERIES,
                "SELECT component, phase, position, trigger_name, COUNT(*) FROM alerts"
                    + " WHERE status = 'open' GROUP BY component, phase, position, trigger_name"
                    + " ORDER BY component, phase, position")));
    metrics.add(
        Snapshots.gauge(
            "mltrace_trigger_value",
            "The value of each declared trigger in its latest evaluation.",
            List.of("component", "phase", "position", "trigger"),
            MetricRows.read(
                c,
                MAX_SERIES,
                "SELECT t.component, t.phase, t.position, t.trigger_name, t.value"
                    + " FROM trigger_results t JOIN (SELECT component, phase, position,"
                    + " MAX(evaluated_at) latest FROM trigger_results"
                    + " GROUP BY component, phase, position) l"
                    + " ON t.component = l.component AND t.phase = l.phase"
                    + " AND t.position = l.position AND t.evaluated_at = l.latest"
                    + " ORDER BY t.component, t.phase, t.position, t.run_id DESC")));
    metrics.add(
        Snapshots.gauge(
            "mltrace_task_metric",
            "The latest value of each task metric (accuracy, recall, mae...), with the task's"
                + " prediction component.",
            List.of("component", "task", "metric"),
            MetricRows.read(
                c,
                MAX_SERIES,
                "SELECT t.prediction_component, m.task, m.metric, m.metric_value"
                    + " FROM task_metrics m JOIN (SELECT task, MAX(seq) latest FROM task_evaluations"
                    + " GROUP BY task) l ON m.task = l.task AND m.seq = l.latest"
                    + " JOIN tasks t ON t.name = m.task ORDER BY m.task, m.metric")));
    extra.forEach(m -> metrics.add(m.get()));
    return new MetricSnapshots(metrics);
  }

  /** Unread entries and seconds behind, per queue under the queue directory. */
  private List<MetricSnapshot> queueLag(Connection c) throws SQLException {
    Map<String, Instant> updated = new HashMap<>();
    Map<String, Long> positions = new HashMap<>();
    try (var st =
            c.prepareStatement("SELECT queue_id, last_index, updated_at FROM ingest_positions");
        var rs = st.executeQuery()) {
      while (rs.next()) {
        positions.put(rs.getString(1), rs.getLong(2));
        updated.put(rs.getString(1), rs.getTimestamp(3).toInstant());
      }
    }
    List<Sample> entries = new ArrayList<>();
    List<Sample> seconds = new ArrayList<>();
    List<QueueBacklog> backlog;
    try {
      backlog = QueueBacklog.of(queueRoot, id -> positions.getOrDefault(id, -1L));
    } catch (QueueException e) {
      backlog = List.of(); // no queue directory yet: nothing is behind
    }
    Instant now = clock.instant();
    for (QueueBacklog q : backlog.subList(0, Math.min(backlog.size(), MAX_SERIES))) {
      String id = q.queue().toAbsolutePath().normalize().toString();
      List<String> label = List.of(q.queue().getFileName().toString());
      entries.add(new Sample(label, q.unread()));
      double behind = 0;
      if (q.unread() > 0) {
        Instant since = updated.getOrDefault(id, created(q.queue(), now));
        behind = Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
      }
      seconds.add(new Sample(label, behind));
    }
    return List.of(
        Snapshots.gauge(
            "mltrace_queue_unread_entries",
            "Entries of each queue (by directory name) not stored yet.",
            List.of("queue"),
            entries),
        Snapshots.gauge(
            "mltrace_queue_lag_seconds",
            "How long entries have been waiting in each queue: 0 when none wait, else the time"
                + " since its stored position last moved (or since the queue was created).",
            List.of("queue"),
            seconds));
  }

  /** The agents that reported in the last day (at most {@link #MAX_AGENTS}): their counters. */
  private List<MetricSnapshot> agents(Connection c) throws SQLException {
    Instant since = clock.instant().minus(AGENT_WINDOW);
    String recent = " FROM agent_stats WHERE reported_at >= ? ORDER BY reported_at DESC, agent_id";
    List<Sample> written =
        MetricRows.read(c, MAX_AGENTS, "SELECT agent_id, host, events_written" + recent, since);
    Set<String> agents = new HashSet<>();
    written.forEach(s -> agents.add(s.labelValues().get(0)));
    List<Sample> dropped =
        MetricRows.read(c, MAX_AGENTS, "SELECT agent_id, host, events_dropped" + recent, since);
    List<Sample> errors =
        MetricRows.read(c, MAX_AGENTS, "SELECT agent_id, host, internal_errors" + recent, since);
    List<Sample> unrecorded =
        only(
            agents,
            MetricRows.read(
                c,
                MAX_SERIES,
                "SELECT u.agent_id, SUM(u.count) FROM agent_unrecorded u JOIN agent_stats s"
                    + " ON s.agent_id = u.agent_id WHERE s.reported_at >= ? GROUP BY u.agent_id",
                since));
    List<Sample> health =
        only(
            agents,
            MetricRows.read(
                c,
                MAX_SERIES,
                "SELECT h.agent_id, h.kind, h.count FROM agent_health h JOIN agent_stats s"
                    + " ON s.agent_id = h.agent_id WHERE s.reported_at >= ?"
                    + " ORDER BY h.agent_id, h.kind",
                since));
    List<String> agentHost = List.of("agent", "host");
    return List.of(
        Snapshots.counter(
            "mltrace_agent_events_written",
            "Events each agent appended to its queue, as of its latest stats event.",
            agentHost,
            written),
        Snapshots.counter(
            "mltrace_agent_events_dropped",
            "Events each agent dropped (buffer full, queue unavailable, disk cap or full).",
            agentHost,
            dropped),
        Snapshots.counter(
            "mltrace_agent_internal_errors",
            "Failures inside each agent, all kinds.",
            agentHost,
            errors),
        Snapshots.counter(
            "mltrace_agent_unrecorded_calls",
            "Calls each agent counted but did not record (sample:, circuit breaker), as reported in"
                + " its stats events.",
            List.of("agent"),
            unrecorded),
        Snapshots.counter(
            "mltrace_agent_health",
            "Each agent's counts by kind (breaker_opened, encoder_failed, dropped_disk_full...).",
            List.of("agent", "kind"),
            health));
  }

  private static List<Sample> only(Set<String> agents, List<Sample> samples) {
    return samples.stream().filter(s -> agents.contains(s.labelValues().get(0))).toList();
  }

  /** Queue ids are absolute paths; the label is the directory's name. */
  private static List<Sample> byQueueName(List<Sample> samples) {
    return samples.stream()
        .map(
            s ->
                new Sample(
                    List.of(Path.of(s.labelValues().get(0)).getFileName().toString()), s.value()))
        .toList();
  }

  private static Instant created(Path queue, Instant fallback) {
    try {
      return Files.readAttributes(queue, BasicFileAttributes.class).creationTime().toInstant();
    } catch (IOException e) {
      return fallback;
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
