package org.mltrace.agent.bootstrap;

import java.io.File;

/**
 * {@code java -jar mltrace-agent.jar COMMAND ...}: the agent jar's own command line (attach to a
 * running JVM, reload, detach). Runs the command in the isolated loader, like the agent itself, so
 * the jar's dependencies never meet whatever else is on this JVM's class path.
 */
public final class AgentCli {
  private static final String COMMANDS = "org.mltrace.agent.core.attach.AgentCommands";

  private AgentCli() {}

  public static void main(String[] args) {
    int exit;
    try {
      File agentJar =
          new File(AgentCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      ClassLoader internals = InternalJars.openLoader(agentJar);
      exit =
          (int)
              Class.forName(COMMANDS, true, internals)
                  .getMethod("run", String[].class, File.class)
                  .invoke(null, args, agentJar);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println("mltrace-agent: " + cause);
      exit = 4;
    }
    System.exit(exit);
  }
}
