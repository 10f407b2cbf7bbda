package org.mltrace.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StaleAfterTest {
  @Test
  void readsEachUnit() {
    assertEquals(45, StaleAfter.seconds("45s"));
    assertEquals(90 * 60, StaleAfter.seconds("90m"));
    assertEquals(12 * 3600, StaleAfter.seconds("12h"));
    assertEquals(2_592_000, StaleAfter.seconds(" 30d "));
    assertEquals(2_592_000, StaleAfter.DEFAULT_SECONDS);
  }

  @Test
  void rejectsWhatIsNotANumberAndAUnit() {
    for (String bad :
        new String[] {"30", "d", "0d", "-1d", "1.5h", "30 d", "30w", "", "1234567890123d"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> StaleAfter.seconds(bad), bad);
      assertEquals(
          "a positive whole number followed by s, m, h or d (30d, 12h, 90m), not '" + bad + "'",
          e.getMessage());
    }
  }
}
