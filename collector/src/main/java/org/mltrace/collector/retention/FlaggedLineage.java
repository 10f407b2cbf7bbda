package org.mltrace.collector.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs a flagged output descends from: each run that wrote a pointer whose {@code
 * io_pointers.flag} is true, and, transitively, every run it depends on. Compaction keeps them
 * whole, so {@code mltrace trace} of a flagged output still works after old runs are removed.
 *
 * <p>Walked breadth-first in chunks rather than with a recursive CTE: flagged outputs are few, and
 * the two databases differ in how recursive queries deduplicate.
 */
final class FlaggedLineage {
  private static final int CHUNK = 500;

  private FlaggedLineage() {}

  /** The number of flagged pointers some run wrote. */
  static long flaggedOutputs(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(DISTINCT o.pointer_id) FROM run_writes o"
                    + " JOIN io_pointers p ON p.identifier = o.pointer_id WHERE p.flag");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The ids of the runs on the lineage of any flagged output. */
  static Set<String> runs(Connection c) throws SQLException {
    Set<String> seen = new HashSet<>();
    List<String> frontier = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT o.run_id FROM run_writes o"
                    + " JOIN io_pointers p ON p.identifier = o.pointer_id WHERE p.flag");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (seen.add(rs.getString(1))) {
          frontier.add(rs.getString(1));
        }
      }
    }
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (int from = 0; from < frontier.size(); from += CHUNK) {
        List<String> chunk = frontier.subList(from, Math.min(frontier.size(), from + CHUNK));
        for (String upstream : upstreamOf(c, chunk)) {
          if (seen.add(upstream)) {
            next.add(upstream);
          }
        }
      }
      frontier = next;
    }
    return Collections.unmodifiableSet(seen);
  }

  private static List<String> upstreamOf(Connection c, List<String> runs) throws SQLException {
    String params = String.join(", ", Collections.nCopies(runs.size(), "?"));
    List<String> upstream = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT depends_on_run_id FROM run_dependencies WHERE run_id IN ("
                + params
                + ")")) {
      for (int i = 0; i < runs.size(); i++) {
        ps.setString(i + 1, runs.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          upstream.add(rs.getString(1));
        }
      }
    }
    return upstream;
  }
}
