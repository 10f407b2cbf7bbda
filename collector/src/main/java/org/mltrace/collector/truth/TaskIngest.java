package org.mltrace.collector.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.alert.SlaAlerts;
import org.mltrace.collector.store.IngestTransaction;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.store.JdbcTaskStore;
import org.mltrace.collector.store.StoreException;
import org.mltrace.collector.store.TaskDefinition;

/**
 * What tasks do with one ingest transaction: store task declarations, join the predictions and
 * labels of newly stored runs (or of a feedback file), then {@link #evaluate} each task whose
 * counts changed: one point of its time series, and its SLAs through the alert state machine. All
 * of it commits with the runs and the queue position, or not at all, so a crash between batches
 * never counts a prediction or label twice (runs already stored are not passed again).
 */
public final class TaskIngest implements AutoCloseable {
  private final IngestTransaction tx;
  private final JdbcTaskStore ledger;
  private final Joiner joiner;
  private Map<String, TaskDefinition> tasks;

  public TaskIngest(IngestTransaction tx) {
    this.tx = tx;
    this.ledger = tx.tasks();
    this.joiner = new Joiner(ledger);
  }

  /** The tasks stored, by name (read once per transaction, again after a declaration). */
  public Map<String, TaskDefinition> tasks() {
    if (tasks == null) {
      tasks = ledger.all();
    }
    return tasks;
  }

  /**
   * Stores a task's declaration (rebuilding its buckets when its counting changed).
   *
   * @throws IllegalArgumentException with {@link TaskCheck}'s message when the task is unusable
   */
  public void declare(TaskEvent event, Instant now) {
    String problem = TaskCheck.problemWith(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    TaskDefinition before = tasks().get(event.name());
    TaskDefinition t = TaskDefinition.of(event);
    ledger.declare(t, now);
    tasks = null;
    if (changesCounting(before, t)) {
      joiner.rebuild(tasks().get(event.name()));
    }
  }

  /** Whether the declaration changes how pairs are counted (kind, threshold or window). */
  private static boolean changesCounting(TaskDefinition before, TaskDefinition t) {
    TaskEvent b = before == null ? null : before.event();
    TaskEvent e = t.event();
    return b != null
        && (!b.kind().equals(e.kind())
            || Double.compare(b.threshold(), e.threshold()) != 0
            || before.bucketSize() != t.bucketSize()
            || b.windowLast() != e.windowLast()
            || b.windowSeconds() != e.windowSeconds());
  }

  /** Joins the predictions and labels that newly stored runs carry. */
  public void runs(List<RunEvent> fresh) {
    if (fresh.isEmpty() || tasks().isEmpty()) {
      return;
    }
    for (RunEvent run : fresh) {
      for (TaskDefinition t : tasks().values()) {
        TaskEvent e = t.event();
        if (e.predictionComponent().equals(run.component())) {
          PairExtractor.Extracted x =
              PairExtractor.extract(run, e.kind(), e.predictionId(), e.predictionValue());
          for (PairExtractor.Pair p : x.pairs()) {
            joiner.predict(t, p.id(), p.value(), run.endEpochMicros(), run.runId());
          }
          ledger.addCounters(t.name(), x.cut(), x.unusable());
        }
        if (run.component().equals(e.feedbackComponent())) {
          PairExtractor.Extracted x =
              PairExtractor.extract(run, e.kind(), e.feedbackId(), e.feedbackLabel());
          for (PairExtractor.Pair p : x.pairs()) {
            joiner.label(t, p.id(), p.value(), run.endEpochMicros(), run.runId());
          }
          ledger.addCounters(t.name(), x.cut(), x.unusable());
        }
      }
    }
  }

  /** Applies one prediction (for the benchmark); returns whether it changed the task's counts. */
  boolean predict(TaskDefinition task, String id, double value, long atMicros, String run) {
    return joiner.predict(task, id, value, atMicros, run);
  }

  /** Applies one label from a file; returns whether it changed the task's counts. */
  public boolean label(TaskDefinition task, String id, double label, long atMicros, String source) {
    return joiner.label(task, id, label, atMicros, source);
  }

  /**
   * Writes the bucket changes, then evaluates every task they touched as of {@code now}: stores a
   * point of its series and applies its SLAs. Returns the alerts opened or resolved, to be sent
   * once the transaction commits.
   */
  public List<AlertEvent> evaluate(Instant now) {
    List<AlertEvent> alerts = new ArrayList<>();
    for (String name : joiner.flush()) {
      TaskDefinition t = tasks().get(name);
      TaskEvaluator.Evaluation e = TaskEvaluator.evaluate(ledger, t, now);
      long seq = ledger.insertEvaluation(name, now, e.labelled(), e.metrics());
      try {
        alerts.addAll(
            SlaAlerts.apply(JdbcAlertStore.in(tx), name, t.event().slas(), e.metrics(), now, seq));
      } catch (StoreException ex) {
        throw new StoreException("cannot update the SLA alerts of task " + name, ex);
      }
    }
    return alerts;
  }

  @Override
  public void close() {
    ledger.close();
  }
}
