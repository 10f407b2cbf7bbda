package org.mltrace.collector.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.mltrace.collector.store.JdbcScrapeStore;
import org.mltrace.collector.store.MetricSample;

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
 * <p>Fails with {@link org.mltrace.collector.store.StoreException} when the database cannot answer;
 * the handler turns that into a 503, which Prometheus records as a failed scrape ({@code up == 0}).
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
                name, help, List.of(), List.of(new MetricSample(List.of(), value.getAsDouble()))));
    return this;
  }

  /** Adds a counter without labels ({@code name} without {@code _total}), read at each scrape. */
  public CollectorMetrics withCounter(String name, String help, DoubleSupplier value) {
    extra.add(
        () ->
            Snapshots.counter(
                name, help, List.of(), List.of(new MetricSample(List.of(), value.getAsDouble()))));
    return this;
  }

  public MetricSnapshots scrape() {
    JdbcScrapeStore store = new JdbcScrapeStore(database);
    List<MetricSnapshot> metrics = new ArrayList<>();
    metrics.add(
        Snapshots.gauge(
            "mltrace_runs_stored",
            "Component runs in the database, by component and status (ok or failed).",
            List.of("component", "status"),
            store.runsStored(MAX_SERIES)));
    metrics.add(
        Snapshots.gauge(
            "mltrace_dead_letters",
            "Queue entries that could not be stored (dead_letters), by queue directory name.",
            List.of("queue"),
            byQueueName(store.deadLetters(MAX_SERIES))));
    metrics.addAll(queueLag(store));
    metrics.addAll(agents(store));
    metrics.add(
        Snapshots.gauge(
            "mltrace_alerts_open",
            "Open alerts, by component and trigger declaration.",
            List.of("component", "phase", "position", "trigger"),
            store.openAlerts(MAX_SERIES)));
    metrics.add(
        Snapshots.gauge(
            "mltrace_trigger_value",
            "The value of each declared trigger in its latest evaluation.",
            List.of("component", "phase", "position", "trigger"),
            store.latestTriggerValues(MAX_SERIES)));
    metrics.add(
        Snapshots.gauge(
            "mltrace_task_metric",
            "The latest value of each task metric (accuracy, recall, mae...), with the task's"
                + " prediction component.",
            List.of("component", "task", "metric"),
            store.latestTaskMetrics(MAX_SERIES)));
    extra.forEach(m -> metrics.add(m.get()));
    return new MetricSnapshots(metrics);
  }

  /** Unread entries and seconds behind, per queue under the queue directory. */
  private List<MetricSnapshot> queueLag(JdbcScrapeStore store) {
    Map<String, Instant> updated = new HashMap<>();
    Map<String, Long> positions = new HashMap<>();
    for (JdbcScrapeStore.QueuePosition p : store.ingestPositions()) {
      positions.put(p.queueId(), p.lastIndex());
      updated.put(p.queueId(), p.updatedAt());
    }
    List<MetricSample> entries = new ArrayList<>();
    List<MetricSample> seconds = new ArrayList<>();
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
      entries.add(new MetricSample(label, q.unread()));
      double behind = 0;
      if (q.unread() > 0) {
        Instant since = updated.getOrDefault(id, created(q.queue(), now));
        behind = Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
      }
      seconds.add(new MetricSample(label, behind));
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
  private List<MetricSnapshot> agents(JdbcScrapeStore store) {
    Instant since = clock.instant().minus(AGENT_WINDOW);
    List<MetricSample> written = store.agentEventsWritten(since, MAX_AGENTS);
    Set<String> agents = new HashSet<>();
    written.forEach(s -> agents.add(s.labelValues().get(0)));
    List<MetricSample> dropped = store.agentEventsDropped(since, MAX_AGENTS);
    List<MetricSample> errors = store.agentInternalErrors(since, MAX_AGENTS);
    List<MetricSample> unrecorded = only(agents, store.agentUnrecordedCalls(since, MAX_SERIES));
    List<MetricSample> health = only(agents, store.agentHealth(since, MAX_SERIES));
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

  private static List<MetricSample> only(Set<String> agents, List<MetricSample> samples) {
    return samples.stream().filter(s -> agents.contains(s.labelValues().get(0))).toList();
  }

  /** Queue ids are absolute paths; the label is the directory's name. */
  private static List<MetricSample> byQueueName(List<MetricSample> samples) {
    return samples.stream()
        .map(
            s ->
                new MetricSample(
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
