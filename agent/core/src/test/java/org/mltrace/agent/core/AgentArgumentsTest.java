package org.mltrace.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void configAloneLeavesTheQueueOpen() {
    AgentArguments a = AgentArguments.parse("config=conf/taxi.yaml");
    assertEquals(Path.of("conf/taxi.yaml"), a.config());
    assertNull(a.queue());
  }

  @Test
  void configAndQueueInEitherOrderWithSpaces() {
    AgentArguments a = AgentArguments.parse(" queue = /var/q , config = taxi.yaml ");
    assertEquals(Path.of("taxi.yaml"), a.config());
    assertEquals(Path.of("/var/q"), a.queue());
  }

  @Test
  void aValueMayContainAnEqualsSign() {
    assertEquals(Path.of("/tmp/a=b.yaml"), AgentArguments.parse("config=/tmp/a=b.yaml").config());
  }

  @Test
  void theQueueArgumentWinsOverTheYamlWhichWinsOverTheDefault() {
    AgentArguments withQueue = AgentArguments.parse("config=a.yaml,queue=/from/argument");
    assertEquals(Path.of("/from/argument"), withQueue.queueDir("/from/yaml"));
    assertEquals(Path.of("/from/argument"), withQueue.queueDir(null));

    AgentArguments withoutQueue = AgentArguments.parse("config=a.yaml");
    assertEquals(Path.of("/from/yaml"), withoutQueue.queueDir("/from/yaml"));
    assertEquals(Path.of("mltrace-data", "queue"), withoutQueue.queueDir(null));
    assertEquals(AgentArguments.DEFAULT_QUEUE, withoutQueue.queueDir(null));
  }

  @Test
  void missingConfigIsExplained() {
    for (String args : new String[] {null, "", "   ", "queue=/q"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.parse(args), String.valueOf(args));
      assertTrue(e.getMessage().startsWith("no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml"), e.getMessage());
    }
  }

  @Test
  void unknownKeyIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.parse("config=a.yaml,qeue=/q"));
    assertTrue(e.getMessage().contains("unknown agent argument 'qeue'"), e.getMessage());
    assertTrue(e.getMessage().contains("config=PATH.yaml[,queue=DIR]"), e.getMessage());
  }

  @Test
  void emptyValueIsNamed() {
    for (String args : new String[] {"config=", "config=a.yaml,queue=", "config", "config=a.yaml,,queue=/q"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.parse(args), args);
      assertTrue(e.getMessage().contains("has no value"), args + ": " + e.getMessage());
    }
  }

  @Test
  void modeDefaultsToStartAndIsReadCaseInsensitively() {
    assertEquals(AgentArguments.Mode.START, AgentArguments.parse("config=a.yaml").mode());
    assertEquals(AgentArguments.Mode.RELOAD, AgentArguments.parse("mode=Reload,config=a.yaml").mode());
  }

  @Test
  void detachNeedsNoConfig() {
    AgentArguments a = AgentArguments.parse("mode=detach");
    assertEquals(AgentArguments.Mode.DETACH, a.mode());
    assertNull(a.config());
  }

  @Test
  void unknownModeIsRejectedWithTheAllowedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.parse("mode=pause,config=a.yaml"));
    assertEquals("unknown mode 'pause'; expected start, attach, reload or detach", e.getMessage());
  }
}
