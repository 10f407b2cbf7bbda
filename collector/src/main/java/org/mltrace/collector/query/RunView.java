package org.mltrace.collector.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One component run with its inputs and outputs, as every query shows it. */
public record RunView(
    String id,
    String component,
    String method,
    String agentId,
    String host,
    Long pid,
    String thread,
    Instant startTime,
    Instant endTime,
    Long durationNanos,
    String codeVersion,
    String gitCommit,
    String status,
    String errorClass,
    String errorMessage,
    Instant ingestedAt,
    long unrecordedBefore,
    List<ValueView> inputs,
    List<ValueView> outputs) {

  public boolean failed() {
    return "failed".equals(status);
  }

  /** {@code Class: message} for a failed run, else null. */
  public String error() {
    if (!failed()) {
      return null;
    }
    String cls = errorClass == null ? "exception" : errorClass;
    return errorMessage == null ? cls : cls + ": " + errorMessage;
  }

  /** The measured duration; falls back to end minus start when none was measured. */
  public Duration duration() {
    if (durationNanos != null) {
      return Duration.ofNanos(durationNanos);
    }
    return Duration.between(startTime, endTime);
  }

  /** The duration in milliseconds, to the microsecond. */
  public double durationMs() {
    return Math.round(duration().toNanos() / 1_000.0) / 1_000.0;
  }
}
