package org.mltrace.agent.core.config;

import java.util.List;

/**
 * A validated YAML file.
 *
 * @param source the file it was read from, for messages
 * @param queue the {@code queue:} key, or null when absent
 * @param maxStringLength strings longer than this are cut in events
 * @param components in file order, names unique
 */
public record AgentConfig(String source, String queue, int maxStringLength, List<ComponentSpec> components) {
  public static final int DEFAULT_MAX_STRING_LENGTH = 256;

  public AgentConfig {
    components = List.copyOf(components);
  }
}
