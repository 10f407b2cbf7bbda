package org.mltrace.collector.query;

import java.time.Duration;
import java.util.List;
import org.mltrace.collector.store.RunRow;

/** One component run (its stored row) with its inputs and outputs, as every query shows it. */
public record RunView(RunRow row, List<ValueView> inputs, List<ValueView> outputs) {

  public boolean failed() {
    return "failed".equals(row.status());
  }

  /** {@code Class: message} for a failed run, else null. */
  public String error() {
    if (!failed()) {
      return null;
    }
    String cls = row.errorClass() == null ? "exception" : row.errorClass();
    return row.errorMessage() == null ? cls : cls + ": " + row.errorMessage();
  }

  /** The measured duration; falls back to end minus start when none was measured. */
  public Duration duration() {
    if (row.durationNanos() != null) {
      return Duration.ofNanos(row.durationNanos());
    }
    return Duration.between(row.startTime(), row.endTime());
  }

  /** The duration in milliseconds, to the microsecond. */
  public double durationMs() {
    return Math.round(duration().toNanos() / 1_000.0) / 1_000.0;
  }
}
