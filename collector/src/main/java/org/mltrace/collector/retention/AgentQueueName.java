package org.mltrace.collector.retention;

import java.net.InetAddress;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the agent's process id out of a per-process queue directory name, {@code HOST-PID-AGENTID}
 * (see the agent's {@code AgentIdentity}), when HOST is this host. A queue written on another host
 * (a shared disk) or named otherwise yields nothing: its writer's liveness cannot be told from
 * here, so retention never removes it.
 */
final class AgentQueueName {
  private static final Pattern NAME = Pattern.compile("(.+)-(\\d{1,19})-[0-9a-f]{12}");

  private AgentQueueName() {}

  /** The pid of the agent that wrote the queue {@code dirName}, if it ran on this host. */
  static OptionalLong localPid(String dirName) {
    return localPid(dirName, localHost());
  }

  static OptionalLong localPid(String dirName, String host) {
    Matcher m = NAME.matcher(dirName);
    if (!m.matches() || !m.group(1).equals(sanitize(host))) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(m.group(2)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The agent's own replacement of characters a directory name should not hold. */
  static String sanitize(String host) {
    return host.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
