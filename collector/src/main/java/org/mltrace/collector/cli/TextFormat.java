package org.mltrace.collector.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.query.RunView;
import org.mltrace.collector.query.ValueView;

/** How times, durations, values and run headers look in text output. */
final class TextFormat {
  private TextFormat() {}

  /** ISO-8601 in UTC, to the millisecond: {@code 2026-01-02T03:04:05.123Z}. */
  static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** {@code 850 µs}, {@code 12.3 ms}, {@code 1.234 s}, {@code 2 min 3 s}. */
  static String duration(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000) {
      return (nanos / 1_000) + " µs";
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 60_000_000_000L) {
      return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
    long seconds = d.toSeconds();
    return seconds / 60 + " min " + seconds % 60 + " s";
  }

  /** {@code train run-id started duration ok} (or {@code FAILED (Class: message)}). */
  static String runHeader(RunView r) {
    return r.row().component()
        + "  "
        + r.row().id()
        + "  "
        + time(r.row().startTime())
        + "  "
        + duration(r.duration())
        + "  "
        + status(r);
  }

  static String status(RunView r) {
    return r.failed() ? "FAILED (" + r.error() + ")" : r.row().status();
  }

  /** {@code name = value}, with pointers as {@code identifier [type]}. */
  static String value(ValueView v) {
    return (v.name() == null ? "?" : v.name()) + " = " + valueText(v);
  }

  static String valueText(ValueView v) {
    return switch (v.kind()) {
      case "pointer" -> v.value() + " [" + v.type() + "]" + fileFacts(v) + summary(v.summary());
      case "redacted" -> "(redacted " + v.value() + ")";
      case "absent" -> "(absent)";
      case "null" -> "null";
      case "error" -> "(not captured: " + v.value() + ")";
      case "string" -> quoted(v);
      default -> v.value();
    };
  }

  private static String fileFacts(ValueView v) {
    if (v.fingerprint() == null && v.modifiedAt() == null) {
      return "";
    }
    return (v.fingerprint() == null ? "" : " " + v.fingerprint())
        + (v.modifiedAt() == null ? "" : " modified " + time(v.modifiedAt()));
  }

  /**
   * {@code {n=1000000 sampled=1024/stride nulls=0 nans=0 min=.. max=.. mean=.. sd=..
   * distinct~=..}}.
   */
  static String summary(ValueSummary s) {
    if (s == null) {
      return "";
    }
    return " {"
        + s.elements()
        + " n="
        + s.count()
        + " sampled="
        + s.sampled()
        + "/"
        + s.sampling()
        + " nulls="
        + s.nulls()
        + " nans="
        + s.nans()
        + " min="
        + number(s.min())
        + " max="
        + number(s.max())
        + " mean="
        + number(s.mean())
        + " sd="
        + number(s.stddev())
        + " distinct~"
        + s.distinct()
        + "}";
  }

  static String number(double d) {
    if (Double.isNaN(d)) {
      return "-";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return new java.math.BigDecimal(d)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String quoted(ValueView v) {
    String text = v.value() == null ? "" : v.value();
    String shown =
        "\""
            + text.replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\"", "\\\"")
            + "\"";
    if (v.size() != null && v.size() > text.length()) {
      shown += " (cut, " + v.size() + " chars)";
    }
    return shown;
  }

  /** The value without line breaks, so that a table row or tree line stays one line. */
  static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
