package org.mltrace.collector.staleness;

import java.time.Duration;

/** Durations for people: {@code 40d 2h}, {@code 30d 1s}, {@code 45s}; zero units left out. */
final class Ages {
  private Ages() {}

  static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long[] amounts = {s / 86_400, s / 3_600 % 24, s / 60 % 60, s % 60};
    String[] units = {"d", "h", "m", "s"};
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < amounts.length; i++) {
      if (amounts[i] > 0) {
        out.append(out.length() > 0 ? " " : "").append(amounts[i]).append(units[i]);
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
