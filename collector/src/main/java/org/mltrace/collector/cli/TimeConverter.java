package org.mltrace.collector.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mltrace.collector.query.InstantOrDate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time for {@code --since} and {@code --until}: an ISO-8601 instant ({@code
 * 2026-01-01T06:00:00Z}), a UTC date ({@code 2026-01-01}, its midnight), or an age before now
 * ({@code 7d}, {@code 12h}, as {@link AgeConverter} reads it).
 */
final class TimeConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    Optional<Instant> instant = InstantOrDate.parse(value);
    if (instant.isPresent()) {
      return instant.get();
    }
    String v = value.strip();
    try {
      Duration age = new AgeConverter().convert(v);
      return Instant.now().minus(age);
    } catch (TypeConversionException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a time: expected an instant (2026-01-01T06:00:00Z), a date (2026-01-01)"
              + " or an age before now (7d, 12h)");
    }
  }
}
