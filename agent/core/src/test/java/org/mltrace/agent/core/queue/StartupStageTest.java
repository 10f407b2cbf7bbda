package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.capture.ComponentSampler;

class StartupStageTest {
  private static final ComponentSampler STEP = ComponentSampler.everyCall("step");

  @Test
  void eventsComeOutInTheOrderTheyWentInAcrossMemoryAndTheSpillFileWhileBothAreAddedTo()
      throws Exception {
    StartupStage stage = new StartupStage(10 * 8, 1 << 20); // ten 8-byte events in memory
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 7 + round % 13; i++) {
        stage.add(new StartupStage.Staged(bytes(next), next % 2 == 0 ? STEP : null, next));
        next++;
      }
      for (int i = 0; i < 5 + round % 11; i++) {
        StartupStage.Staged s = stage.poll();
        if (s == null) {
          break;
        }
        assertEquals(expected, ByteBuffer.wrap(s.bytes()).getLong(), "first in, first out");
        assertEquals(
            expected % 2 == 0 ? STEP : null,
            s.sampler(),
            "a run keeps its sampler through the spill file");
        assertEquals(expected, s.carried());
        expected++;
      }
    }
    for (StartupStage.Staged s; (s = stage.poll()) != null; expected++) {
      assertEquals(expected, ByteBuffer.wrap(s.bytes()).getLong());
    }
    assertEquals(next, expected, "every event came out");
    assertTrue(stage.isEmpty());
    stage.close();
  }

  @Test
  void isFullOnceMemoryAndTheSpillBoundAreReached() throws Exception {
    StartupStage stage = new StartupStage(2 * 8, 2 * (8 + 16));
    for (int i = 0; i < 4; i++) {
      assertFalse(stage.full(), "room for event " + i);
      stage.add(new StartupStage.Staged(bytes(i), STEP, 0));
    }
    assertTrue(stage.full());
    assertEquals(0, ByteBuffer.wrap(stage.poll().bytes()).getLong());
    assertTrue(stage.full(), "memory has room again, but older events wait in the spill file");
    for (int i = 1; i < 4; i++) {
      assertEquals(i, ByteBuffer.wrap(stage.poll().bytes()).getLong());
    }
    assertNull(stage.poll());
    stage.close();
  }

  @Test
  void withoutSpillRoomTheStageIsFullAtItsMemoryBound() {
    StartupStage stage = new StartupStage(8, 0);
    StartupStage.Staged one = new StartupStage.Staged(bytes(1), null, 0);
    stage.add(one);
    assertTrue(stage.full());
    assertSame(one, assertDoesNotThrowPoll(stage));
  }

  private static StartupStage.Staged assertDoesNotThrowPoll(StartupStage stage) {
    try {
      return stage.poll();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(long n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }
}
