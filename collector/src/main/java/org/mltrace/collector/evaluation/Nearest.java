package org.mltrace.collector.evaluation;

import java.util.Collection;

/** The known name closest to a misspelt one, for "did you mean" hints. */
public final class Nearest {
  private Nearest() {}

  /**
   * The name at edit distance 3 or less from {@code wrong} (the closest, first on ties), or null.
   */
  public static String of(String wrong, Collection<String> names) {
    String best = null;
    int bestDistance = 4;
    for (String name : names) {
      int d = distance(wrong, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
