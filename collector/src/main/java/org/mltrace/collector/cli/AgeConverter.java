package org.mltrace.collector.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an age such as {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 0}, or an
 * ISO-8601 duration ({@code PT1H30M}), for {@code --queue-retention} and {@code --older-than}.
 */
final class AgeConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([dhms]?)");

  @Override
  public Duration convert(String value) {
    Matcher m = SHORT.matcher(value.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> {
          if (n != 0) {
            throw new TypeConversionException(
                "'" + value + "' needs a unit: d, h, m or s (e.g. 90d); only 0 goes without");
          }
          yield Duration.ZERO;
        }
      };
    }
    try {
      Duration d = Duration.parse(value.strip());
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // fall through to the message below
    }
    throw new TypeConversionException(
        "'" + value + "' is not an age: expected e.g. 90d, 12h, 30m, 45s, 0 or PT1H30M");
  }
}
