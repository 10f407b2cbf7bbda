package org.mltrace.collector.ingest;

import org.mltrace.agent.event.Event;

/** A queue entry after decoding: an event, or the reason it is not one. */
sealed interface DecodedEntry {
  long index();

  /**
   * A valid event, with the bytes it was decoded from: a dead letter keeps what the queue held, not
   * a re-encoding.
   */
  record Valid(long index, Event event, byte[] payload) implements DecodedEntry {}

  /** An entry for {@code dead_letters}: why it was refused and its raw bytes. */
  record Malformed(long index, String reason, byte[] payload) implements DecodedEntry {}
}
