package org.mltrace.collector.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.NumberText;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.store.Alert;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.store.TriggerOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert state machine of {@link AlertTracker} for a task's SLAs ({@code recall >= 0.9} on its
 * windowed metrics), run in the transaction that stores the evaluation: a failing SLA that alerts
 * opens an alert when none is open, a passing one resolves the open one, a failing one while open
 * does nothing (one page per episode). A metric that is undefined (no labelled pair, or no
 * predicted positive for precision) decides nothing, like a trigger's error. Alerts are keyed by
 * component {@code task:NAME}, phase {@code sla}, the SLA's position and its text; their "run" is
 * {@code task:NAME#EVALUATION}.
 */
public final class SlaAlerts {
  private static final Logger log = LoggerFactory.getLogger(SlaAlerts.class);

  private SlaAlerts() {}

  /** Whether {@code value op threshold} holds. */
  public static boolean holds(double value, String op, double threshold) {
    return switch (op) {
      case ">=" -> value >= threshold;
      case ">" -> value > threshold;
      case "<=" -> value <= threshold;
      case "<" -> value < threshold;
      case "==" -> value == threshold;
      default -> false;
    };
  }

  /**
   * Applies one evaluation's SLA outcomes; returns the alerts opened and resolved, for the sinks
   * once the transaction commits.
   *
   * @param store the alerts of the transaction that stores the evaluation
   * @throws org.mltrace.collector.store.StoreException if the database fails (the caller's
   *     transaction then rolls back)
   */
  public static List<AlertEvent> apply(
      JdbcAlertStore store,
      String task,
      List<TaskEvent.Sla> slas,
      Map<String, Double> metrics,
      Instant at,
      long evaluation) {
    if (slas.isEmpty()) {
      return List.of();
    }
    store.lock();
    String ref = "task:" + task + "#" + evaluation;
    List<AlertEvent> events = new ArrayList<>();
    for (int i = 0; i < slas.size(); i++) {
      TaskEvent.Sla sla = slas.get(i);
      Double value = metrics.get(sla.metric());
      if (value == null || value.isNaN()) {
        continue;
      }
      boolean pass = holds(value, sla.op(), sla.value());
      String message =
          sla.metric()
              + " = "
              + NumberText.of(Math.round(value * 10_000) / 10_000.0)
              + (pass ? ", meets " : ", breaks ")
              + sla;
      TriggerOutcome r =
          new TriggerOutcome(
              ref,
              "sla",
              i,
              "task:" + task,
              sla.toString(),
              pass ? "pass" : "fail",
              value,
              sla.value(),
              message,
              sla.alert(),
              at,
              0);
      Alert open = store.openAlert(r.key()).orElse(null);
      if (!pass && open == null && sla.alert()) {
        Alert opened = store.open(r);
        events.add(AlertTracker.event(AlertEvent.Type.OPENED, opened, r));
        log.warn("ALERT #{} opened: task {} SLA {} failed: {}", opened.id(), task, sla, message);
      } else if (pass && open != null) {
        store.resolve(open, r);
        events.add(AlertTracker.event(AlertEvent.Type.RESOLVED, open, r));
        log.info(
            "alert #{} resolved: task {} SLA {} holds again: {}", open.id(), task, sla, message);
      }
    }
    return events;
  }
}
