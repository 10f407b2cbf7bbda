package org.mltrace.collector.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.lineage.LineageClosure;
import org.mltrace.collector.store.JdbcGraphStore;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.RunSnapshotReader;
import org.mltrace.collector.trigger.RetractedRead;

/**
 * What the {@code retracted_input} trigger needs: the pointers carrying a retracted label that a
 * run or any run upstream of it read. The walk is upstream from the one run (a trace's closure),
 * and only once a label is retracted at all.
 */
final class RetractedReads {
  private RetractedReads() {}

  static boolean anyRetraction(RunSnapshotReader reader) {
    return new JdbcLabelStore(reader.database()).anyRetraction();
  }

  static List<RetractedRead> of(RunSnapshotReader reader, String runId) {
    JdbcGraphStore graph = new JdbcGraphStore(reader.database());
    Set<String> upstream =
        LineageClosure.upstream(graph::upstreamOf).reach(List.of(runId), -1).keySet();
    List<RetractedRead> reads = new ArrayList<>();
    for (JdbcLabelStore.LabelRow l : new JdbcLabelStore(reader.database()).labelsReadBy(upstream)) {
      if (l.retractedAt() != null) {
        reads.add(new RetractedRead(l.label(), l.pointer(), l.retractedAt()));
      }
    }
    reads.sort(
        java.util.Comparator.comparing(RetractedRead::label).thenComparing(RetractedRead::pointer));
    return List.copyOf(reads);
  }
}
