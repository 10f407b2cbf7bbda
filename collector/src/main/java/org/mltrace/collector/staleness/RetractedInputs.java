package org.mltrace.collector.staleness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcGraphStore;

/**
 * Rule 4, {@code retracted_input}: the runs that read a pointer carrying a retracted label (a
 * deletion request, {@code mltrace label retract}) and every run derived from them. Found from the
 * labels' side, downstream, once per check: with no retraction (the usual case) it costs one
 * indexed query, and the taint is walked only as far as it goes, whatever the number of runs asked
 * about.
 */
final class RetractedInputs {
  /** A retracted label on a pointer, as of the check. */
  record Retracted(String pointer, String label, Instant retractedAt) {}

  /** Why one run is tainted: it read the pointer itself, or derives from a run that did. */
  record Taint(Retracted source, boolean readItself) {}

  private final Map<String, Taint> tainted;

  private RetractedInputs(Map<String, Taint> tainted) {
    this.tainted = tainted;
  }

  /** The taint of every run, as of {@code now} (retractions recorded later are not seen). */
  static RetractedInputs load(Database database, Instant now) throws SQLException {
    List<Retracted> retracted = retracted(database.connection(), now);
    Map<String, Taint> tainted = new HashMap<>();
    if (retracted.isEmpty()) {
      return new RetractedInputs(tainted);
    }
    JdbcGraphStore graph = new JdbcGraphStore(database);
    LineageClosure downstream = LineageClosure.downstream(graph::downstreamOf);
    for (Retracted r : retracted) { // by label, then pointer: the first names a run's reason
      List<String> readers = graph.readersOf(r.pointer());
      Set<String> direct = Set.copyOf(readers);
      for (String run : downstream.reach(readers, -1).keySet()) {
        tainted.putIfAbsent(run, new Taint(r, direct.contains(run)));
      }
    }
    return new RetractedInputs(tainted);
  }

  /** The taint of {@code runId}, or null when it derives from no retracted data. */
  Taint of(String runId) {
    return tainted.get(runId);
  }

  boolean none() {
    return tainted.isEmpty();
  }

  private static List<Retracted> retracted(Connection c, Instant now) throws SQLException {
    List<Retracted> list = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.pointer_id, l.label, x.retracted_at FROM pointer_labels l"
                + " JOIN label_retractions x ON x.label = l.label WHERE x.retracted_at <= ?"
                + " ORDER BY l.label, l.pointer_id")) {
      ps.setObject(1, StalenessFacts.utc(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
          list.add(new Retracted(rs.getString(1), rs.getString(2), at.toInstant()));
        }
      }
    }
    return list;
  }
}
