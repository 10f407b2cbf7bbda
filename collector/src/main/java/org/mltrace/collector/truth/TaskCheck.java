package org.mltrace.collector.truth;

import org.mltrace.agent.event.TaskEvent;

/**
 * The collector's own check of a task event (the agent checked the YAML; an agent of another
 * version, or a damaged queue, could still send something this collector cannot use).
 */
public final class TaskCheck {
  private TaskCheck() {}

  /** What is wrong with the task, naming its YAML line when known, or null when nothing is. */
  public static String problemWith(TaskEvent t) {
    String where = "task '" + t.name() + "'" + (t.source() == null ? "" : " (" + t.source() + ")");
    if (!TaskEvent.KINDS.contains(t.kind())) {
      return where + ": unknown kind '" + t.kind() + "'; expected one of " + TaskEvent.KINDS;
    }
    if ((t.windowSeconds() > 0) == (t.windowLast() > 0)) {
      return where
          + ": the window must be either a duration or a last N, not "
          + t.windowSeconds()
          + " s and last "
          + t.windowLast();
    }
    if (t.maxPairs() < 1) {
      return where + ": max_pairs must be at least 1";
    }
    if (t.kind().equals(TaskEvent.SCORE) && !Double.isFinite(t.threshold())) {
      return where + ": a score task needs a finite threshold";
    }
    if (t.feedbackComponent() != null && (t.feedbackId() == null || t.feedbackLabel() == null)) {
      return where + ": a feedback component needs its id and label variables";
    }
    for (TaskEvent.Sla s : t.slas()) {
      String at = s.source() == null ? "" : " (" + s.source() + ")";
      if (!TaskEvent.metricsOf(t.kind()).contains(s.metric())) {
        return where
            + ": SLA '"
            + s
            + "'"
            + at
            + " names a metric a "
            + t.kind()
            + " task does not compute; expected one of "
            + TaskEvent.metricsOf(t.kind());
      }
      if (!TaskEvent.OPS.contains(s.op())) {
        return where
            + ": SLA '"
            + s
            + "'"
            + at
            + " has an unknown operator; expected one of "
            + TaskEvent.OPS;
      }
    }
    return null;
  }
}
