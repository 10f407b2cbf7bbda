package org.mltrace.collector.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.queue.QueueEntry;
import org.mltrace.collector.testing.RunBuilder;

class EventDecoderTest {
  @Test
  void validEntryDecodes() {
    RunEvent run = RunBuilder.run("r", "c").reads("x", "/a").build();
    byte[] bytes = EventCodec.encode(run);
    DecodedEntry.Valid d =
        assertInstanceOf(DecodedEntry.Valid.class, EventDecoder.decode(new QueueEntry(7, bytes)));
    assertEquals(7, d.index());
    assertEquals(run, d.event());
    assertSame(bytes, d.payload(), "a dead letter would keep the bytes read, not a re-encoding");
  }

  @Test
  void emptyEntryIsMalformedNotAnException() {
    DecodedEntry d = EventDecoder.decode(new QueueEntry(8, new byte[0]));
    DecodedEntry.Malformed bad = assertInstanceOf(DecodedEntry.Malformed.class, d);
    assertEquals(8, bad.index());
    assertTrue(bad.reason().startsWith("malformed event"), bad.reason());
  }

  @Test
  void trailingBytesAreMalformed() {
    byte[] good = EventCodec.encode(RunBuilder.run("r", "c").build());
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
    assertInstanceOf(DecodedEntry.Malformed.class, EventDecoder.decode(new QueueEntry(1, longer)));
  }

  @Test
  void runEndingBeforeItStartsIsMalformed() {
    RunEvent backwards = RunBuilder.run("r9", "c").at(10, 9).build();
    DecodedEntry d = EventDecoder.decode(new QueueEntry(3, EventCodec.encode(backwards)));
    DecodedEntry.Malformed bad = assertInstanceOf(DecodedEntry.Malformed.class, d);
    assertEquals(
        "run r9 ends ("
            + backwards.endEpochMicros()
            + " µs) before it starts ("
            + backwards.startEpochMicros()
            + " µs)",
        bad.reason());
  }

  @Test
  void instantRunIsValid() {
    RunEvent instant = RunBuilder.run("r0", "c").at(5, 5).build();
    assertInstanceOf(
        DecodedEntry.Valid.class,
        EventDecoder.decode(new QueueEntry(4, EventCodec.encode(instant))));
  }
}
