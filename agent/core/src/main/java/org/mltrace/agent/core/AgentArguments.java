package org.mltrace.agent.core;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the agent's settings come from: the {@code -javaagent:mltrace-agent.jar=config=PATH.yaml
 * [,queue=DIR]} argument string, else the system properties {@code mltrace.config} and {@code
 * mltrace.queue}, else the environment variables {@code MLTRACE_CONFIG} and {@code MLTRACE_QUEUE}
 * (the argument wins, then the property, then the environment, each setting on its own), the way
 * agents are configured in containers, on Spark and on Kubernetes where only {@code
 * JAVA_TOOL_OPTIONS=-javaagent:/path/mltrace-agent.jar} can be set in a shared image.
 *
 * <p>{@code mode=attach|reload|detach} is added by {@code mltrace-agent.jar attach/reload/detach}
 * when it loads the agent into a running JVM; it is not meant to be typed by users.
 *
 * @param config the YAML file; null only for {@link Mode#DETACH}
 * @param queue the queue directory, or null to take it from the YAML or the default
 * @param mode what the agent is asked to do
 * @param configSource where {@code config} came from: {@code agent argument}, {@code
 *     -Dmltrace.config} or {@code MLTRACE_CONFIG}; null without a config
 * @param queueSource where {@code queue} came from, likewise; null when it is not set
 */
public record AgentArguments(
    Path config, Path queue, Mode mode, String configSource, String queueSource) {
  static final Path DEFAULT_QUEUE = Path.of("mltrace-data", "queue");

  static final String ARGUMENT = "agent argument";
  static final String CONFIG_PROPERTY = "mltrace.config";
  static final String QUEUE_PROPERTY = "mltrace.queue";
  static final String CONFIG_ENV = "MLTRACE_CONFIG";
  static final String QUEUE_ENV = "MLTRACE_QUEUE";

  private static final String EXPECTED =
      "expected -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR],"
          + " -Dmltrace.config=PATH.yaml or MLTRACE_CONFIG=PATH.yaml";

  /**
   * Start at JVM start (premain) or later (attach); replace the tracing (reload); stop it (detach).
   */
  public enum Mode {
    START,
    ATTACH,
    RELOAD,
    DETACH
  }

  public AgentArguments(Path config, Path queue) {
    this(config, queue, Mode.START);
  }

  public AgentArguments(Path config, Path queue, Mode mode) {
    this(config, queue, mode, config == null ? null : ARGUMENT, queue == null ? null : ARGUMENT);
  }

  /**
   * The argument string, with what it lacks taken from this JVM's system properties, then its
   * environment.
   *
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  public static AgentArguments parse(String args) {
    return parse(args, System::getProperty, System::getenv);
  }

  /**
   * The argument string alone, as the {@code attach} command checks it: the attaching process's
   * properties and environment are not the target JVM's.
   *
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  public static AgentArguments parseArgumentOnly(String args) {
    return parse(args, name -> null, name -> null);
  }

  /**
   * The argument string, then {@code properties} ({@code mltrace.config}, {@code mltrace.queue}),
   * then {@code environment} ({@code MLTRACE_CONFIG}, {@code MLTRACE_QUEUE}); blank values count as
   * unset.
   *
   * @throws IllegalArgumentException naming what is wrong and what was expected
   */
  static AgentArguments parse(
      String args, UnaryOperator<String> properties, UnaryOperator<String> environment) {
    Path config = null;
    Path queue = null;
    Mode mode = Mode.START;
    if (args != null && !args.isBlank()) {
      for (String part : args.split(",")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
        String value = eq < 0 ? "" : part.substring(eq + 1).trim();
        if (value.isEmpty()) {
          throw new IllegalArgumentException(
              "agent argument '" + part + "' has no value; expected config=PATH.yaml[,queue=DIR]");
        }
        switch (key) {
          case "config" -> config = Path.of(value);
          case "queue" -> queue = Path.of(value);
          case "mode" -> mode = mode(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown agent argument '" + key + "'; expected config=PATH.yaml[,queue=DIR]");
        }
      }
    }
    if (mode == Mode.DETACH) {
      return new AgentArguments(config, queue, mode);
    }
    String configSource = config == null ? null : ARGUMENT;
    if (config == null) {
      Setting s = Setting.of(CONFIG_PROPERTY, CONFIG_ENV, properties, environment);
      if (s == null) {
        throw new IllegalArgumentException("no config given; " + EXPECTED);
      }
      config = s.path();
      configSource = s.source();
    }
    String queueSource = queue == null ? null : ARGUMENT;
    if (queue == null) {
      Setting s = Setting.of(QUEUE_PROPERTY, QUEUE_ENV, properties, environment);
      if (s != null) {
        queue = s.path();
        queueSource = s.source();
      }
    }
    return new AgentArguments(config, queue, mode, configSource, queueSource);
  }

  /** A setting found in a system property or the environment, and which one. */
  private record Setting(Path path, String source) {
    static Setting of(
        String property,
        String variable,
        UnaryOperator<String> properties,
        UnaryOperator<String> environment) {
      String fromProperty = properties.apply(property);
      if (fromProperty != null && !fromProperty.isBlank()) {
        return new Setting(Path.of(fromProperty.trim()), "-D" + property);
      }
      String fromEnvironment = environment.apply(variable);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return new Setting(Path.of(fromEnvironment.trim()), variable);
      }
      return null;
    }
  }

  private static Mode mode(String value) {
    for (Mode m : Mode.values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '" + value + "'; expected start, attach, reload or detach");
  }

  /**
   * The queue directory: the agent argument (or {@code mltrace.queue}, {@code MLTRACE_QUEUE}), else
   * the YAML's {@code queue:}, else the default.
   */
  public Path queueDir(String fromYaml) {
    if (queue != null) {
      return queue;
    }
    return fromYaml != null ? Path.of(fromYaml) : DEFAULT_QUEUE;
  }

  /**
   * Whether every setting given came from the agent argument (none from a property or variable).
   */
  public boolean allFromArgument() {
    return (configSource == null || configSource.equals(ARGUMENT))
        && (queueSource == null || queueSource.equals(ARGUMENT));
  }

  /**
   * For the start-up line: {@code config a.yaml (from MLTRACE_CONFIG), queue from -Dmltrace.queue}
   * or {@code ..., queue from the YAML or the default}.
   */
  public String sources() {
    return "config "
        + config
        + " (from "
        + configSource
        + "), queue "
        + (queue == null
            ? "from the YAML's queue: or the default"
            : queue + " (from " + queueSource + ")");
  }
}
