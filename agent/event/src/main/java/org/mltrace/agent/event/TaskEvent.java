package org.mltrace.agent.event;

import java.util.List;

/**
 * A task from the YAML's {@code tasks:} (delayed ground truth), appended once per agent start like
 * {@link ComponentEvent}, so the collector learns which runs hold predictions, where their labels
 * come from, and which windowed metrics and SLAs to keep, without reading the YAML.
 *
 * @param name the task's primary key
 * @param kind {@link #BINARY}, {@link #SCORE} or {@link #REGRESSION}
 * @param threshold a score at or above it predicts the positive class ({@code score} only; NaN
 *     otherwise)
 * @param predictionComponent the component whose runs hold the predictions
 * @param predictionId the variable of that component holding the identifier (one or a collection)
 * @param predictionValue the variable holding the prediction (parallel to the identifiers)
 * @param feedbackComponent the component whose runs hold labels, or null when labels come only from
 *     files ({@code mltrace feedback --file})
 * @param feedbackId the feedback component's identifier variable, or null
 * @param feedbackLabel the feedback component's label variable, or null
 * @param windowSeconds the sliding window's length, or 0 when the window is {@code windowLast}
 * @param windowLast the window as the last N labelled predictions, or 0 when it is a duration
 * @param maxPairs at most this many (id, value) pairs are captured per run; the rest are counted
 * @param slas the SLA conditions on the windowed metrics, in YAML order
 * @param source {@code file.yaml:LINE} of the task, or null
 */
public record TaskEvent(
    String name,
    String kind,
    double threshold,
    String predictionComponent,
    String predictionId,
    String predictionValue,
    String feedbackComponent,
    String feedbackId,
    String feedbackLabel,
    long windowSeconds,
    long windowLast,
    long maxPairs,
    List<Sla> slas,
    String source)
    implements Event {
  public static final String BINARY = "binary";
  public static final String SCORE = "score";
  public static final String REGRESSION = "regression";
  public static final List<String> KINDS = List.of(BINARY, SCORE, REGRESSION);

  /** The operators an SLA may use. */
  public static final List<String> OPS = List.of(">=", ">", "<=", "<", "==");

  /** Every windowed metric, of some kind. */
  public static final List<String> METRICS =
      List.of("accuracy", "precision", "recall", "f1", "auc", "mae");

  /** The windowed metrics a task of {@code kind} computes (the ones its SLAs may name). */
  public static List<String> metricsOf(String kind) {
    return switch (kind) {
      case BINARY -> List.of("accuracy", "precision", "recall", "f1");
      case SCORE -> List.of("accuracy", "precision", "recall", "f1", "auc");
      case REGRESSION -> List.of("mae");
      default -> List.of();
    };
  }

  public TaskEvent {
    slas = List.copyOf(slas);
  }

  /**
   * One SLA: {@code metric op value}, e.g. {@code recall >= 0.9}.
   *
   * @param alert whether a failing SLA raises an alert (default true)
   * @param source {@code file.yaml:LINE}, or null
   */
  public record Sla(String metric, String op, double value, boolean alert, String source) {
    @Override
    public String toString() {
      return metric + " " + op + " " + NumberText.of(value);
    }
  }
}
