package org.mltrace.agent.event;

/**
 * The {@code stale_after:} duration syntax, {@code N} followed by one unit {@code s m h d} ({@code
 * 30d}, {@code 12h}), shared by the agent (checks the YAML) and the collector (stores seconds).
 */
public final class StaleAfter {
  /** The default when a component gives none: 30 days. */
  public static final long DEFAULT_SECONDS = 30L * 24 * 3600;

  private StaleAfter() {}

  /**
   * The duration in seconds.
   *
   * @throws IllegalArgumentException saying what was expected, when {@code text} is not a positive
   *     whole number followed by s, m, h or d
   */
  public static long seconds(String text) {
    String t = text == null ? "" : text.trim();
    if (t.length() >= 2) {
      long unit =
          switch (t.charAt(t.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 0;
          };
      String digits = t.substring(0, t.length() - 1);
      if (unit > 0 && digits.chars().allMatch(Character::isDigit) && digits.length() <= 12) {
        long n = Long.parseLong(digits);
        if (n > 0) {
          return n * unit;
        }
      }
    }
    throw new IllegalArgumentException(
        "a positive whole number followed by s, m, h or d (30d, 12h, 90m), not '" + text + "'");
  }
}
