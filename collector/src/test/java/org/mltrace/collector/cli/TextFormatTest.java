package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.query.ValueView;

class TextFormatTest {
  @Test
  void durationsReadNaturally() {
    assertEquals("850 µs", TextFormat.duration(Duration.ofNanos(850_400)));
    assertEquals("12.3 ms", TextFormat.duration(Duration.ofNanos(12_340_000)));
    assertEquals("1.234 s", TextFormat.duration(Duration.ofMillis(1234)));
    assertEquals("2 min 3 s", TextFormat.duration(Duration.ofSeconds(123)));
  }

  @Test
  void timesAreUtcToTheMillisecond() {
    assertEquals(
        "2026-01-01T00:00:06.123Z", TextFormat.time(Instant.parse("2026-01-01T00:00:06.123456Z")));
  }

  @Test
  void filesShowTheirFingerprintAndSummariesTheirNumbers() {
    assertEquals(
        "f = /d/f.csv [data] xxh64:00ff modified 2026-01-01T00:00:06.123Z",
        TextFormat.value(
            new ValueView(
                "f",
                "pointer",
                "data",
                "/d/f.csv",
                null,
                8L,
                Instant.parse("2026-01-01T00:00:06.123Z"),
                "xxh64:00ff",
                null)));
    ValueSummary s =
        new ValueSummary("number", "stride", 1_000_000, 1024, 0, 1, -1.5, 9, 0.125, 2.5, 977);
    assertEquals(
        "w = mem://a/double[]@1 [data] {number n=1000000 sampled=1024/stride nulls=0 nans=1"
            + " min=-1.5 max=9 mean=0.125 sd=2.5 distinct~977}",
        TextFormat.value(
            new ValueView(
                "w", "pointer", "data", "mem://a/double[]@1", null, 1_000_000L, null, null, s)));
    assertEquals(
        "p = (redacted sha256:ab)",
        TextFormat.value(
            new ValueView("p", "redacted", "redacted", "sha256:ab", null, null, null, null, null)));
  }

  @Test
  void valuesShowTheirKind() {
    assertEquals(
        "m = /m.bin [model]",
        TextFormat.value(
            new ValueView("m", "pointer", "model", "/m.bin", null, null, null, null, null)));
    assertEquals(
        "s = \"a\\nb\" (cut, 900 chars)",
        TextFormat.value(
            new ValueView("s", "string", "string", "a\nb", null, 900L, null, null, null)));
    assertEquals(
        "x = (absent)",
        TextFormat.value(
            new ValueView("x", "absent", "absent", null, null, null, null, null, null)));
    assertEquals(
        "x = null",
        TextFormat.value(new ValueView("x", "null", "null", null, null, null, null, null, null)));
    assertEquals(
        "x = (not captured: too big)",
        TextFormat.value(
            new ValueView("x", "error", "error", "too big", null, null, null, null, null)));
    assertEquals(
        "n = 3",
        TextFormat.value(new ValueView("n", "long", "long", "3", null, null, null, null, null)));
  }
}
