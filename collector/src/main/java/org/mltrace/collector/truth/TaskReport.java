package org.mltrace.collector.truth;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.SlaAlerts;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.TaskDefinition;
import org.mltrace.collector.store.TaskPoint;

/**
 * What {@code mltrace task} shows of one task: its declaration, counters, time series, and each
 * SLA's state on the latest evaluation.
 *
 * @param cut predictions past {@code max_pairs}, not captured
 * @param unusable pairs with a null or unreadable id or value (or of a run whose collections did
 *     not line up)
 * @param waiting labels stored whose identifier has no prediction yet
 * @param series the last evaluations, newest first
 * @param slaStates per SLA, {@code pass}, {@code fail} or {@code undefined} on the latest point
 */
public record TaskReport(
    TaskDefinition task,
    long cut,
    long unusable,
    long waiting,
    long joinedTotal,
    List<TaskPoint> series,
    List<String> slaStates) {

  /** The report of {@code name} (null for the only task) from {@code database}. */
  public static TaskReport of(Database database, String name, int limit) {
    try (JdbcTaskStore ledger = JdbcTaskStore.of(database)) {
      TaskDefinition t = TaskLookup.find(ledger.all(), name);
      long[] counters = ledger.counters(t.name());
      List<TaskPoint> series = new ArrayList<>(ledger.series(t.name(), limit));
      java.util.Collections.reverse(series); // newest first, as history and recent list
      List<String> states = new ArrayList<>();
      TaskPoint last = series.isEmpty() ? null : series.get(0);
      for (TaskEvent.Sla s : t.event().slas()) {
        Double v = last == null ? null : last.metrics().get(s.metric());
        states.add(
            v == null || v.isNaN()
                ? "undefined"
                : SlaAlerts.holds(v, s.op(), s.value()) ? "pass" : "fail");
      }
      return new TaskReport(
          t, counters[0], counters[1], counters[2], counters[3] - 1, series, states);
    }
  }

  /** The names of the declared tasks. */
  public static List<String> names(Database database) {
    try (JdbcTaskStore ledger = JdbcTaskStore.of(database)) {
      return new ArrayList<>(ledger.all().keySet());
    }
  }
}
