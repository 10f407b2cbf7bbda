package org.mltrace.collector.ingest;

import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes queue entries; never throws, so one bad entry cannot stop the drain. */
final class EventDecoder {
  private static final Logger log = LoggerFactory.getLogger(EventDecoder.class);

  private EventDecoder() {}

  static DecodedEntry decode(QueueEntry entry) {
    try {
      return new DecodedEntry.Valid(entry.index(), EventCodec.decode(entry.bytes()));
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
