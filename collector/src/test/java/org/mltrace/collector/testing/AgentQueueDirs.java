package org.mltrace.collector.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Queue directory names as the agent makes them ({@code HOST-PID-AGENTID}), for retention tests.
 */
public final class AgentQueueDirs {
  private AgentQueueDirs() {}

  /** The name an agent on this host with {@code pid} would give its queue. */
  public static String forPid(long pid) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    return host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pid + "-0123456789ab";
  }

  /** The pid of a process that ran and has exited. */
  public static long exitedPid() throws Exception {
    Process p =
        new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor();
    return p.pid();
  }
}
