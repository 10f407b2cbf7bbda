package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final CircuitBreaker breaker = new CircuitBreaker(1024);

  @Test
  void opensAtHighWaterAndClosesAtLowWater() {
    breaker.observe(breaker.highWater() - 1);
    assertFalse(breaker.isOpen());
    breaker.observe(breaker.highWater());
    assertTrue(breaker.isOpen());
    breaker.observe(breaker.lowWater() + 1);
    assertTrue(breaker.isOpen(), "between the marks it stays as it is");
    breaker.observe(breaker.lowWater());
    assertFalse(breaker.isOpen());
  }

  @Test
  void aHoldKeepsItOpenWhateverTheFillUntilReleased() {
    breaker.hold(true);
    assertTrue(breaker.isOpen());
    breaker.observe(0);
    assertTrue(breaker.isOpen(), "held: an empty buffer does not close it");
    breaker.hold(true); // the writer asks again each time round
    assertTrue(breaker.isOpen());
    breaker.hold(false);
    assertTrue(breaker.isOpen(), "released, it closes only at the next low-water observation");
    breaker.observe(0);
    assertFalse(breaker.isOpen());
  }

  @Test
  void aFullBufferRecordsNothingUntilBelowHighWater() {
    breaker.bufferFull();
    assertTrue(breaker.isOpen());
    assertTrue(breaker.isFull());
    breaker.observe(breaker.highWater());
    assertTrue(breaker.isFull());
    breaker.observe(breaker.highWater() - 1);
    assertFalse(breaker.isFull());
    assertTrue(breaker.isOpen(), "still open until low water");
  }

  @Test
  void aBufferAtTheStopMarkRecordsNothingBeforeItIsFull() {
    assertTrue(breaker.stopMark() > breaker.highWater() && breaker.stopMark() < 1024);
    breaker.observe(breaker.highWater());
    assertFalse(breaker.isFull(), "between the high-water and the stop mark, one call in 16");
    breaker.observe(breaker.stopMark() - 1);
    assertFalse(breaker.isFull());
    breaker.observe(breaker.stopMark());
    assertTrue(breaker.isOpen());
    assertTrue(breaker.isFull(), "no run is recorded that the buffer could turn away");
    breaker.observe(breaker.highWater());
    assertTrue(breaker.isFull(), "stays stopped until the writer is below the high-water mark");
    breaker.observe(breaker.highWater() - 1);
    assertFalse(breaker.isFull());
    assertTrue(breaker.isOpen());
  }

  @Test
  void neverOpensForRecordersWithoutAQueue() {
    CircuitBreaker never = CircuitBreaker.never();
    never.observe(1 << 20); // any fill a real buffer can have
    never.hold(true);
    never.bufferFull();
    assertFalse(never.isOpen());
  }
}
