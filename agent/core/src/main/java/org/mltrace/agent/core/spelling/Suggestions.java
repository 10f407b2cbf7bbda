package org.mltrace.agent.core.spelling;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" help: the candidates nearest to a misspelt name by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** Up to {@code limit} candidates, nearest first, dropping those that share too little. */
  public static List<String> nearest(String wrong, Collection<String> candidates, int limit) {
    return candidates.stream()
        .distinct()
        .filter(
            c ->
                distance(wrong.toLowerCase(), c.toLowerCase())
                    <= Math.max(2, Math.max(wrong.length(), c.length()) / 2))
        .sorted(
            Comparator.comparingInt((String c) -> distance(wrong.toLowerCase(), c.toLowerCase()))
                .thenComparing(c -> c))
        .limit(limit)
        .toList();
  }

  public static String didYouMean(String wrong, Collection<String> candidates) {
    List<String> near = nearest(wrong, candidates, 1);
    return near.isEmpty() ? "" : " (did you mean '" + near.get(0) + "'?)";
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
