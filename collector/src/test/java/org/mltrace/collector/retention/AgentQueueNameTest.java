package org.mltrace.collector.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AgentQueueNameTest {
  @Test
  void readsThePidOfAQueueWrittenOnThisHost() {
    assertEquals(
        OptionalLong.of(4242),
        AgentQueueName.localPid("build-box.lan-4242-0123456789ab", "build-box.lan"));
  }

  @Test
  void hostNamesWithOddCharactersAreMatchedAsTheAgentWritesThem() {
    assertEquals(OptionalLong.of(7), AgentQueueName.localPid("my_box-7-0123456789ab", "my box"));
  }

  @Test
  void otherHostsAndOtherNamesYieldNothing() {
    assertEquals(OptionalLong.empty(), AgentQueueName.localPid("other-7-0123456789ab", "mine"));
    assertEquals(OptionalLong.empty(), AgentQueueName.localPid("queue", "mine"));
    assertEquals(OptionalLong.empty(), AgentQueueName.localPid("mine-7-xyz", "mine"));
  }
}
