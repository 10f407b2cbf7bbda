package org.mltrace.collector.retention;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.store.JdbcCompactionStore;

/**
 * The runs a flagged output descends from: each run that wrote a pointer whose {@code
 * io_pointers.flag} is true, and, transitively, every run it depends on. Compaction keeps them
 * whole, so {@code mltrace trace} of a flagged output still works after old runs are removed.
 *
 * <p>Walked breadth-first in chunks rather than with a recursive CTE: flagged outputs are few, and
 * the two databases differ in how recursive queries deduplicate.
 */
final class FlaggedLineage {
  private FlaggedLineage() {}

  /** The ids of the runs on the lineage of any flagged output. */
  static Set<String> runs(JdbcCompactionStore store) {
    Set<String> seen = new HashSet<>();
    List<String> frontier = new ArrayList<>();
    for (String writer : store.flaggedWriters()) {
      if (seen.add(writer)) {
        frontier.add(writer);
      }
    }
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String upstream : store.upstreamOf(frontier)) {
        if (seen.add(upstream)) {
          next.add(upstream);
        }
      }
      frontier = next;
    }
    return Collections.unmodifiableSet(seen);
  }
}
