package org.mltrace.collector.ingest;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.queue.QueueEntry;
import org.mltrace.collector.store.IngestStore;
import org.mltrace.collector.store.PreparedRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoded entries of one queue, in queue order, to be stored in one transaction together with the
 * position of the last one.
 *
 * @param prepared the parts of the runs' rows made before the transaction ({@link
 *     IngestStore#prepare}), for any of the batch's runs
 */
record IngestBatch(String queueId, List<DecodedEntry> entries, PreparedRuns prepared) {
  private static final Logger log = LoggerFactory.getLogger(IngestBatch.class);

  IngestBatch {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    entries = List.copyOf(entries);
  }

  /** Decodes the entries and prepares their runs' rows with {@code store}; touches no database. */
  static IngestBatch decode(String queueId, List<QueueEntry> raw, IngestStore store) {
    List<DecodedEntry> entries = new ArrayList<>(raw.size());
    for (QueueEntry e : raw) {
      entries.add(EventDecoder.decode(e));
    }
    IngestBatch decoded = new IngestBatch(queueId, entries, PreparedRuns.NONE);
    try {
      return new IngestBatch(queueId, entries, store.prepare(decoded.runs()));
    } catch (RuntimeException e) {
      // The transaction makes the parts again, and handles what fails there (BatchWriter).
      log.debug("preparing a batch of {} failed; its rows are made in the transaction", queueId, e);
      return decoded;
    }
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
    return entries.stream().map(e -> new IngestBatch(queueId, List.of(e), prepared)).toList();
  }
}
