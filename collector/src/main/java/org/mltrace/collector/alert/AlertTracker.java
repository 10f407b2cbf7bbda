package org.mltrace.collector.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mltrace.collector.store.Alert;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.store.JdbcAlertStore.RunResult;
import org.mltrace.collector.store.TriggerKey;
import org.mltrace.collector.store.TriggerOutcome;
import org.mltrace.collector.store.UnitOfWork;
import org.mltrace.collector.trigger.TriggerResultsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state machine, run as the trigger engine commits results. Per declaration (component,
 * phase, position, trigger name):
 *
 * <ul>
 *   <li>{@code fail} of a declaration that alerts, while no alert is open: opens one (stored,
 *       logged at WARN, sent to the sinks);
 *   <li>{@code pass} while an alert is open: resolves it (stored, logged, sent). A pass resolves
 *       even if the declaration no longer alerts, so that turning {@code alert:} off closes what is
 *       open;
 *   <li>{@code fail} while open: nothing, so a broken SLA pages once, not on every run;
 *   <li>{@code error} (the trigger threw or timed out): nothing. An error says nothing about the
 *       data, so it neither opens nor resolves; the engine stores it and {@code inspect} shows it.
 * </ul>
 *
 * <p><b>Order.</b> Runs are not evaluated in the order they ran (two agents' queues, a slow
 * trigger, a collector catching up). The results of one call are replayed in run order (end time,
 * then start time, then id), so a batch holding fail, fail, pass opens and resolves one alert. A
 * result older than the declaration's latest pass or fail already stored from an earlier call is
 * late: the state already reflects a newer run, and the late result changes nothing.
 *
 * <p><b>Failure.</b> The state is stored in one transaction per call (PostgreSQL: under an advisory
 * lock, so two collectors never open the same alert twice); sinks are told only after it commits,
 * on the {@link AlertNotifier}'s thread. A database failure is logged and the call's transitions
 * are lost, not retried: the next result of each declaration is compared with the stored alert, not
 * with the previous result, so it sets things right (a fail still opens, a pass still resolves).
 * Never throws into the engine.
 *
 * <p>Thread-safe: calls are serialized, and the tracker uses its own connection.
 */
public final class AlertTracker implements TriggerResultsListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertTracker.class);

  /** Runs in the order they happened: by end, then start, then id (ties are rare but possible). */
  private static final Comparator<RunResult> RUN_ORDER =
      Comparator.comparing(RunResult::runEnd)
          .thenComparing(RunResult::runStart)
          .thenComparing(r -> r.outcome().runId());

  private final Database database;
  private final AlertNotifier notifier;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();

  /** Uses {@code database} for itself (it must not be shared with another thread). */
  public AlertTracker(Database database, AlertNotifier notifier) {
    this.database = database;
    this.notifier = notifier;
  }

  /**
   * A tracker with its own connection to {@code jdbcUrl}, telling {@code notifier}'s sinks.
   *
   * @throws org.mltrace.collector.store.StoreException if the database cannot be opened
   */
  public static AlertTracker open(String jdbcUrl, AlertNotifier notifier) {
    return new AlertTracker(Database.open(jdbcUrl, Database.Access.CREATE), notifier);
  }

  /** The notifier, for its counts. */
  public AlertNotifier notifier() {
    return notifier;
  }

  /**
   * What this tracker did, one line for the summary of {@code collect} ({@code alerts: 1 opened, 0
   * resolved}, then the notifier's counts); null when it neither opened nor resolved any.
   */
  public String summary() {
    if (opened.get() == 0 && resolved.get() == 0) {
      return null;
    }
    String sinks = notifier.summary();
    return "alerts: "
        + opened.get()
        + " opened, "
        + resolved.get()
        + " resolved"
        + (sinks == null ? "" : "; " + sinks);
  }

  @Override
  public synchronized void evaluated(List<String> runIds) {
    if (runIds.isEmpty()) {
      return;
    }
    List<AlertEvent> events;
    try {
      events = transitions(runIds);
    } catch (RuntimeException e) {
      log.error("alerts for {} evaluated run(s) not updated: {}", runIds.size(), e.getMessage(), e);
      return;
    }
    for (AlertEvent e : events) {
      (e.type() == AlertEvent.Type.OPENED ? opened : resolved).incrementAndGet();
      notifier.submit(e);
    }
  }

  private List<AlertEvent> transitions(List<String> runIds) {
    List<AlertEvent> events =
        UnitOfWork.run(
            database,
            UnitOfWork.Lock.ALERTS,
            UnitOfWork.End.COMMIT,
            "updating the alerts of " + runIds.size() + " evaluated run(s)",
            () -> transitions(new JdbcAlertStore(database), runIds));
    events.forEach(AlertTracker::log);
    return events;
  }

  private static List<AlertEvent> transitions(JdbcAlertStore store, List<String> runIds) {
    Set<String> batch = new HashSet<>(runIds);
    List<RunResult> results = new ArrayList<>(store.resultsOf(batch));
    results.sort(RUN_ORDER);
    Map<TriggerKey, List<RunResult>> byKey = new LinkedHashMap<>();
    for (RunResult r : results) {
      byKey.computeIfAbsent(r.outcome().key(), k -> new ArrayList<>()).add(r);
    }
    List<AlertEvent> events = new ArrayList<>();
    for (Map.Entry<TriggerKey, List<RunResult>> e : byKey.entrySet()) {
      replay(store, e.getKey(), e.getValue(), batch, events);
    }
    return events;
  }

  private static void replay(
      JdbcAlertStore store,
      TriggerKey key,
      List<RunResult> inRunOrder,
      Set<String> batch,
      List<AlertEvent> events) {
    Optional<RunResult> before = store.latestDecisiveResult(key, batch);
    Alert open = store.openAlert(key).orElse(null);
    for (RunResult timed : inRunOrder) {
      if (before.isPresent() && RUN_ORDER.compare(timed, before.get()) < 0) {
        continue; // late: a newer run already decided this declaration's state
      }
      TriggerOutcome r = timed.outcome();
      if (r.failed() && open == null && r.alert()) {
        open = store.open(r);
        events.add(event(AlertEvent.Type.OPENED, open, r));
      } else if (r.passed() && open != null) {
        store.resolve(open, r);
        events.add(event(AlertEvent.Type.RESOLVED, open, r));
        open = null;
      }
    }
  }

  static AlertEvent event(AlertEvent.Type type, Alert alert, TriggerOutcome cause) {
    return new AlertEvent(
        type,
        alert.id(),
        alert.component(),
        alert.triggerName(),
        alert.phase(),
        cause.runId(),
        cause.value(),
        cause.threshold(),
        cause.message(),
        alert.openedAt(),
        type == AlertEvent.Type.RESOLVED ? cause.evaluatedAt() : null);
  }

  private static void log(AlertEvent e) {
    if (e.type() == AlertEvent.Type.OPENED) {
      log.warn(
          "ALERT #{} opened: {} {} ({}) failed on run {}: {} (value {}, threshold {})",
          e.alertId(),
          e.component(),
          e.trigger(),
          e.phase(),
          e.runId(),
          e.message(),
          e.value(),
          e.threshold());
    } else {
      log.info(
          "alert #{} resolved: {} {} ({}) passed on run {}",
          e.alertId(),
          e.component(),
          e.trigger(),
          e.phase(),
          e.runId());
    }
  }

  /** Closes the notifier (delivering what is queued) and the tracker's database. */
  @Override
  public void close() {
    notifier.close();
    database.close();
  }
}
