package org.mltrace.agent.core;

import java.nio.file.Path;

/**
 * The {@code -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR]} argument string.
 *
 * @param config the YAML file
 * @param queue the queue directory, or null to take it from the YAML or the default
 */
public record AgentArguments(Path config, Path queue) {
  static final Path DEFAULT_QUEUE = Path.of("mltrace-data", "queue");

  /**
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  public static AgentArguments parse(String args) {
    Path config = null;
    Path queue = null;
    if (args != null && !args.isBlank()) {
      for (String part : args.split(",")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
        String value = eq < 0 ? "" : part.substring(eq + 1).trim();
        if (value.isEmpty()) {
          throw new IllegalArgumentException("agent argument '" + part + "' has no value; expected config=PATH.yaml[,queue=DIR]");
        }
        switch (key) {
          case "config" -> config = Path.of(value);
          case "queue" -> queue = Path.of(value);
          default -> throw new IllegalArgumentException(
              "unknown agent argument '" + key + "'; expected config=PATH.yaml[,queue=DIR]");
        }
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR]");
    }
    return new AgentArguments(config, queue);
  }

  /** The queue directory: the agent argument, else the YAML's {@code queue:}, else the default. */
  public Path queueDir(String fromYaml) {
    if (queue != null) {
      return queue;
    }
    return fromYaml != null ? Path.of(fromYaml) : DEFAULT_QUEUE;
  }
}
