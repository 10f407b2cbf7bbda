package org.mltrace.collector.cli;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.collector.alert.AlertEvent;
import org.mltrace.collector.store.TaskPoint;
import org.mltrace.collector.truth.FeedbackImport;
import org.mltrace.collector.truth.TaskReport;

/** The text of {@code mltrace task} and {@code mltrace feedback}. */
final class TaskText {
  private TaskText() {}

  static String report(TaskReport r) {
    TaskEvent e = r.task().event();
    StringBuilder b = new StringBuilder();
    b.append("task ")
        .append(e.name())
        .append(" (")
        .append(e.kind())
        .append(e.kind().equals(TaskEvent.SCORE) ? ", threshold " + number(e.threshold()) : "")
        .append("), window ")
        .append(r.task().windowText())
        .append('\n');
    b.append("  prediction ")
        .append(e.predictionComponent())
        .append(": ")
        .append(e.predictionId())
        .append(" -> ")
        .append(e.predictionValue())
        .append('\n');
    b.append("  feedback   ")
        .append(
            e.feedbackComponent() == null
                ? "file (mltrace feedback --file)"
                : e.feedbackComponent() + ": " + e.feedbackId() + " -> " + e.feedbackLabel())
        .append('\n');
    b.append("  joined ").append(r.joinedTotal()).append(" predictions with labels");
    if (r.waiting() > 0) {
      b.append("; ").append(r.waiting()).append(" labels wait for their prediction");
    }
    if (r.cut() > 0 || r.unusable() > 0) {
      b.append("; ")
          .append(r.cut())
          .append(" predictions past max_pairs not captured, ")
          .append(r.unusable())
          .append(" unusable (null or unreadable id or value)");
    }
    b.append('\n');
    for (int i = 0; i < e.slas().size(); i++) {
      TaskEvent.Sla s = e.slas().get(i);
      b.append("  SLA ")
          .append(s)
          .append(": ")
          .append(r.slaStates().get(i).toUpperCase(Locale.ROOT))
          .append(s.alert() ? "" : " (no alert)")
          .append('\n');
    }
    if (r.series().isEmpty()) {
      return b.append("no evaluation yet: no prediction has been joined to a label").toString();
    }
    List<String> metrics = TaskEvent.metricsOf(e.kind());
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("#", "EVALUATED", "LABELLED"));
    metrics.forEach(m -> header.add(m.toUpperCase(Locale.ROOT)));
    rows.add(header);
    for (TaskPoint p : r.series()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  String.valueOf(p.seq()),
                  p.evaluatedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                  String.valueOf(p.labelled())));
      metrics.forEach(m -> row.add(metric(p.metrics(), m)));
      rows.add(row);
    }
    return b.append(TableText.aligned(rows, "  ")).toString();
  }

  static String feedback(FeedbackImport.Result r) {
    StringBuilder b = new StringBuilder();
    b.append("stored ")
        .append(r.labels())
        .append(r.labels() == 1 ? " label" : " labels")
        .append(" for task ")
        .append(r.task())
        .append(": ")
        .append(r.joined())
        .append(" joined a prediction, ")
        .append(r.waiting())
        .append(" wait for one\n");
    b.append("window: ").append(r.labelled()).append(" labelled");
    r.metrics()
        .forEach((k, v) -> b.append(", ").append(k).append(' ').append(metric(r.metrics(), k)));
    for (AlertEvent a : r.alerts()) {
      b.append('\n')
          .append("alert #")
          .append(a.alertId())
          .append(' ')
          .append(a.type() == AlertEvent.Type.OPENED ? "opened" : "resolved")
          .append(": ")
          .append(a.component())
          .append(" SLA ")
          .append(a.trigger())
          .append(a.message() == null ? "" : " (" + a.message() + ")");
    }
    return b.toString();
  }

  private static String metric(Map<String, Double> metrics, String name) {
    Double v = metrics.get(name);
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String number(double v) {
    return org.mltrace.agent.event.NumberText.of(v);
  }
}
