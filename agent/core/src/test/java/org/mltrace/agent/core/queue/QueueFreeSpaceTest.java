package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueueFreeSpaceTest {
  private static final long MIB = 1 << 20;
  private static final int HEADER = QueueDiskUse.DOCUMENT_HEADER_BYTES;
  private final AtomicLong usable = new AtomicLong();
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger asked = new AtomicInteger();
  private final QueueFreeSpace space =
      new QueueFreeSpace(
          () -> {
            asked.incrementAndGet();
            return usable.get();
          },
          now::get);

  @Test
  void anEventThatWouldEatIntoTheReserveIsLowAndOneThatFitsIsNot() {
    usable.set(QueueFreeSpace.MIN_FREE_BYTES + 1000 + HEADER);
    assertFalse(space.low(1000), "exactly the reserve is left");
    usable.addAndGet(-1000 - HEADER); // what the append used
    assertTrue(space.low(1), "nothing may go below the reserve");
    assertEquals(2, asked.get(), "all that was above the reserve is spent: asked again");
  }

  @Test
  void theFileSystemIsAskedOnceASecondOrWhenHalfOfWhatIsAboveTheReserveMayBeSpent() {
    usable.set(QueueFreeSpace.MIN_FREE_BYTES + 10 * MIB);
    assertFalse(space.low(MIB - HEADER));
    assertEquals(1, asked.get());
    for (int i = 0; i < 4; i++) {
      assertFalse(space.low(MIB - HEADER));
    }
    assertEquals(1, asked.get(), "5 MiB spent of the 10 above the reserve: no need to ask");
    assertFalse(space.low(MIB - HEADER));
    assertEquals(2, asked.get(), "a sixth MiB could pass half: asked again");
    now.addAndGet(QueueFreeSpace.RECHECK_NANOS);
    assertFalse(space.low(10));
    assertEquals(3, asked.get(), "a second later: asked again");
  }

  @Test
  void whileLowItAsksOnceASecondAndRecoversWhenSpaceIsFreed() {
    usable.set(MIB);
    assertTrue(space.low(10));
    for (int i = 0; i < 100; i++) {
      assertTrue(space.low(10));
    }
    assertEquals(1, asked.get(), "a full disk is not asked about at every run");
    usable.set(100 * MIB);
    assertTrue(space.low(10), "not asked again within the second");
    now.addAndGet(QueueFreeSpace.RECHECK_NANOS);
    assertFalse(space.low(10));
    assertEquals(2, asked.get());
  }
}
