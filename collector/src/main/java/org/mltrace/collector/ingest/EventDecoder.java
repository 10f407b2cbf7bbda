package org.mltrace.collector.ingest;

import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.MalformedEventException;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes queue entries; never throws, so one bad entry cannot stop the drain. */
final class EventDecoder {
  private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);

  private EventDecoder() {}

  static DecodedEntry decode(QueueEntry entry) {
    try {
      Event event = EventCodec.decode(entry.bytes());
      if (event instanceof RunEvent r && r.endEpochMicros() < r.startEpochMicros()) {
        // The agent derives the end from the start and a monotonic duration, so this is a forged
        // or corrupted event; lineage look-ups rely on end >= start (they find a batch's consumers
        // through the end-time index).
        return new DecodedEntry.Malformed(
            entry.index(),
            "run "
                + r.runId()
                + " ends ("
                + r.endEpochMicros()
                + " µs) before it starts ("
                + r.startEpochMicros()
                + " µs)",
            entry.bytes());
      }
      return new DecodedEntry.Valid(entry.index(), event, entry.bytes());
    } catch (MalformedEventException e) {
      return new DecodedEntry.Malformed(
          entry.index(), "malformed event: " + e.getMessage(), entry.bytes());
    } catch (RuntimeException e) {
      // A decoder bug on odd input must not block the queue either; keep the entry for a rerun.
      log.warn("decoder failed on queue index {}", entry.index(), e);
      return new DecodedEntry.Malformed(entry.index(), "decoder failed: " + e, entry.bytes());
    }
  }
}
