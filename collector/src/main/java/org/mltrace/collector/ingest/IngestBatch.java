package org.mltrace.collector.ingest;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.queue.QueueEntry;

/**
 * Decoded entries of one queue, in queue order, to be stored in one transaction together with the
 * position of the last one.
 */
record IngestBatch(String queueId, List<DecodedEntry> entries) {
  IngestBatch {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    entries = List.copyOf(entries);
  }

  static IngestBatch decode(String queueId, List<QueueEntry> raw) {
    List<DecodedEntry> entries = new ArrayList<>(raw.size());
    for (QueueEntry e : raw) {
      entries.add(EventDecoder.decode(e));
    }
    return new IngestBatch(queueId, entries);
  }

  long lastIndex() {
    return entries.get(entries.size() - 1).index();
  }

  /** The batch's runs. */
  List<RunEvent> runs() {
    List<RunEvent> runs = new ArrayList<>();
    for (DecodedEntry e : entries) {
      if (e instanceof DecodedEntry.Valid v && v.event() instanceof RunEvent run) {
        runs.add(run);
      }
    }
    return runs;
  }

  int size() {
    return entries.size();
  }

  /** One single-entry batch per entry, for retrying a failed batch entry by entry. */
  List<IngestBatch> split() {
    return entries.stream().map(e -> new IngestBatch(queueId, List.of(e))).toList();
  }
}
