package org.mltrace.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AgentArguments.parse(args, name -> null, name -> null),
              String.valueOf(args));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml"),
          e.getMessage());
    }
  }

  @Test
  void theArgumentWinsThenTheSystemPropertyThenTheEnvironment() {
    Map<String, String> props = Map.of("mltrace.config", "/p.yaml", "mltrace.queue", "/pq");
    Map<String, String> env = Map.of("MLTRACE_CONFIG", "/e.yaml", "MLTRACE_QUEUE", "/eq");
    AgentArguments all = AgentArguments.parse("config=/a.yaml,queue=/aq", props::get, env::get);
    assertEquals(Path.of("/a.yaml"), all.config());
    assertEquals(Path.of("/aq"), all.queue());
    assertEquals(
        "config /a.yaml (from agent argument), queue /aq (from agent argument)", all.sources());
    assertTrue(all.allFromArgument());

    AgentArguments fromProperties = AgentArguments.parse(null, props::get, env::get);
    assertEquals(Path.of("/p.yaml"), fromProperties.config());
    assertEquals(
        "config /p.yaml (from -Dmltrace.config), queue /pq (from -Dmltrace.queue)",
        fromProperties.sources());
    assertEquals(false, fromProperties.allFromArgument());

    AgentArguments fromEnvironment = AgentArguments.parse("", name -> null, env::get);
    assertEquals(Path.of("/e.yaml"), fromEnvironment.config());
    assertEquals(Path.of("/eq"), fromEnvironment.queueDir("/from/yaml"));
    assertEquals(
        "config /e.yaml (from MLTRACE_CONFIG), queue /eq (from MLTRACE_QUEUE)",
        fromEnvironment.sources());
  }

  @Test
  void eachSettingIsLookedUpOnItsOwn() {
    // The config from the argument, the queue from the environment; a blank property is unset.
    AgentArguments a =
        AgentArguments.parse(
            "config=/a.yaml",
            Map.of("mltrace.queue", " ")::get,
            Map.of("MLTRACE_QUEUE", "/eq")::get);
    assertEquals(
        "config /a.yaml (from agent argument), queue /eq (from MLTRACE_QUEUE)", a.sources());
    AgentArguments noQueue =
        AgentArguments.parse(null, name -> null, Map.of("MLTRACE_CONFIG", "/e.yaml")::get);
    assertEquals(null, noQueue.queue());
    assertEquals(Path.of("/from/yaml"), noQueue.queueDir("/from/yaml"));
    assertEquals(
        "config /e.yaml (from MLTRACE_CONFIG), queue from the YAML's queue: or the default",
        noQueue.sources());
  }

  @Test
  void withoutAnySourceTheErrorNamesAllThree() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentArguments.parse("queue=/q", name -> null, name -> null));
    assertEquals(
        "no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR],"
            + " -Dmltrace.config=PATH.yaml or MLTRACE_CONFIG=PATH.yaml",
        e.getMessage());
  }

  @Test
  void theAttachCommandReadsOnlyTheArgument() {
    // Its own properties and environment are not the target JVM's.
    assertThrows(
        IllegalArgumentException.class, () -> AgentArguments.parseArgumentOnly("queue=/q"));
  }

  @Test
  void unknownKeyIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AgentArguments.parse("config=a.yaml,qeue=/q"));
    assertTrue(e.getMessage().contains("unknown agent argument 'qeue'"), e.getMessage());
    assertTrue(e.getMessage().contains("config=PATH.yaml[,queue=DIR]"), e.getMessage());
  }

  @Test
  void emptyValueIsNamed() {
    for (String args :
        new String[] {"config=", "config=a.yaml,queue=", "config", "config=a.yaml,,queue=/q"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AgentArguments.parse(args), args);
      assertTrue(e.getMessage().contains("has no value"), args + ": " + e.getMessage());
    }
  }

  @Test
  void modeDefaultsToStartAndIsReadCaseInsensitively() {
    assertEquals(AgentArguments.Mode.START, AgentArguments.parse("config=a.yaml").mode());
    assertEquals(
        AgentArguments.Mode.RELOAD, AgentArguments.parse("mode=Reload,config=a.yaml").mode());
  }

  @Test
  void detachNeedsNoConfig() {
    AgentArguments a = AgentArguments.parse("mode=detach");
    assertEquals(AgentArguments.Mode.DETACH, a.mode());
    assertNull(a.config());
  }

  @Test
  void unknownModeIsRejectedWithTheAllowedOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AgentArguments.parse("mode=pause,config=a.yaml"));
    assertEquals("unknown mode 'pause'; expected start, attach, reload or detach", e.getMessage());
  }
}
