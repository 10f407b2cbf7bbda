package org.mltrace.agent.core.queue;

import java.net.InetAddress;

/**
 * Who is writing: the agent start's id, host and pid. The host name is looked up on the writer
 * thread the first time it is needed, since a slow DNS must not delay the application.
 */
public final class AgentIdentity {
  private final String agentId;
  private final long pid;
  private final String gitCommit;
  private String host;

  public AgentIdentity(String agentId, long pid, String gitCommit) {
    this.agentId = agentId;
    this.pid = pid;
    this.gitCommit = gitCommit;
  }

  public String agentId() {
    return agentId;
  }

  public long pid() {
    return pid;
  }

  public String gitCommit() {
    return gitCommit;
  }

  /**
   * The name of this agent start's own queue, a subdirectory of the queue directory the user gave:
   * {@code HOST-PID-AGENTID}, with characters other than letters, digits, '.', '_' and '-' in the
   * host name replaced by '_'. Called on the writer thread only (it looks up the host name).
   */
  String queueName() {
    return host().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pid + "-" + agentId;
  }

  /** Called on the writer thread only. */
  String host() {
    if (host == null) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        host = "unknown";
      }
    }
    return host;
  }
}
