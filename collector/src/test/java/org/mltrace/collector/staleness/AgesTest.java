package org.mltrace.collector.staleness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgesTest {
  @Test
  void showsEveryUnitThatIsNotZero() {
    assertEquals("10d 23h", Ages.format(Duration.ofHours(263)));
    assertEquals("30d", Ages.format(Duration.ofDays(30)));
    assertEquals("30d 1s", Ages.format(Duration.ofDays(30).plusSeconds(1)));
    assertEquals("3h 5m 9s", Ages.format(Duration.ofMinutes(185).plusSeconds(9)));
    assertEquals("45s", Ages.format(Duration.ofSeconds(45)));
    assertEquals("0s", Ages.format(Duration.ZERO));
  }
}
