package org.mltrace.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentIdsTest {
  @Test
  void idsAreTwelveLowercaseHexDigits() {
    for (int i = 0; i < 1000; i++) {
      String id = AgentIds.newAgentId();
      assertTrue(id.matches("[0-9a-f]{12}"), id);
    }
  }

  @Test
  void idsMadeInQuickSuccessionDiffer() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(AgentIds.newAgentId());
    }
    assertEquals(10_000, ids.size());
  }
}
