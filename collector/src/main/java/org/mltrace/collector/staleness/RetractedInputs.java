package org.mltrace.collector.staleness;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.JdbcLabelStore.LabelRow;

/**
 * Rule 4, {@code retracted_input}: the runs that read a pointer carrying a retracted label (a
 * deletion request, {@code mltrace label retract}) and every run derived from them. Found from the
 * labels' side, downstream, once per check: with no retraction (the usual case) it costs one
 * indexed query, and the taint is walked only as far as it goes, whatever the number of runs asked
 * about.
 */
final class RetractedInputs {
  /** Why one run is tainted: it read the pointer itself, or derives from a run that did. */
  record Taint(LabelRow source, boolean readItself) {}

  private final Map<String, Taint> tainted;

  private RetractedInputs(Map<String, Taint> tainted) {
    this.tainted = tainted;
  }

  /** The taint of every run, as of {@code now} (retractions recorded later are not seen). */
  static RetractedInputs load(Database database, Instant now) {
    List<LabelRow> retracted = new JdbcLabelStore(database).retractedBy(now);
    Map<String, Taint> tainted = new HashMap<>();
    if (retracted.isEmpty()) {
      return new RetractedInputs(tainted);
    }
    JdbcGraphStore graph = new JdbcGraphStore(database);
    LineageClosure<String> downstream = LineageClosure.downstream(graph::downstreamOf);
    for (LabelRow r : retracted) { // by label, then pointer: the first names a run's reason
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
}
