package org.mltrace.collector.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A point in time as people type it for {@code --since}, {@code --until} and the web UI's trace
 * fields: an ISO-8601 instant ({@code 2026-01-01T06:00:00Z}) or a UTC date ({@code 2026-01-01}, its
 * midnight).
 */
public final class InstantOrDate {
  private InstantOrDate() {}

  /** The instant, or empty when the text is neither form (the caller names what was expected). */
  public static Optional<Instant> parse(String text) {
    String v = text.strip();
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
