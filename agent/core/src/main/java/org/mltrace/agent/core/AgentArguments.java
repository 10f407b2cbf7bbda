package org.mltrace.agent.core;

import java.nio.file.Path;

/**
 * The {@code -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR]} argument string.
 *
 * <p>{@code mode=attach|reload|detach} is added by {@code mltrace-agent.jar attach/reload/detach}
 * when it loads the agent into a running JVM; it is not meant to be typed by users.
 *
 * @param config the YAML file; null only for {@link Mode#DETACH}
 * @param queue the queue directory, or null to take it from the YAML or the default
 * @param mode what the agent is asked to do
 */
public record AgentArguments(Path config, Path queue, Mode mode) {
  static final Path DEFAULT_QUEUE = Path.of("mltrace-data", "queue");

  /** Start at JVM start (premain) or later (attach); replace the tracing (reload); stop it (detach). */
  public enum Mode {
    START,
    ATTACH,
    RELOAD,
    DETACH
  }

  public AgentArguments(Path config, Path queue) {
    this(config, queue, Mode.START);
  }

  /**
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  public static AgentArguments parse(String args) {
    Path config = null;
    Path queue = null;
    Mode mode = Mode.START;
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
          case "mode" -> mode = mode(value);
          default -> throw new IllegalArgumentException(
              "unknown agent argument '" + key + "'; expected config=PATH.yaml[,queue=DIR]");
        }
      }
    }
    if (config == null && mode != Mode.DETACH) {
      throw new IllegalArgumentException("no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR]");
    }
    return new AgentArguments(config, queue, mode);
  }

  private static Mode mode(String value) {
    for (Mode m : Mode.values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + value + "'; expected start, attach, reload or detach");
  }

  /** The queue directory: the agent argument, else the YAML's {@code queue:}, else the default. */
  public Path queueDir(String fromYaml) {
    if (queue != null) {
      return queue;
    }
    return fromYaml != null ? Path.of(fromYaml) : DEFAULT_QUEUE;
  }
}
