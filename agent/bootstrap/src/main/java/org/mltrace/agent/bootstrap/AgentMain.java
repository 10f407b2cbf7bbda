package org.mltrace.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point for {@code -javaagent} (premain) and for attaching to a running JVM
 * (agentmain).
 *
 * <p>Does as little as possible: opens the isolated loader and hands over to {@code
 * org.mltrace.agent.core.AgentInstaller}, which defines the bridge in the bootstrap loader. Any
 * failure here disables the agent with one line on stderr; the application starts regardless.
 */
public final class AgentMain {
  private static final String INSTALLER = "org.mltrace.agent.core.AgentInstaller";

  /** One isolated loader per JVM, so that attach, reload and detach reach the same agent state. */
  private static ClassLoader internals;

  private AgentMain() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static synchronized void start(String args, Instrumentation inst, boolean lateAttach) {
    try {
      File agentJar =
          new File(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String missing = JdkUnsupported.missingReason();
      if (missing != null) {
        System.err.println(
            "[mltrace] agent disabled, the application runs without tracing: " + missing);
        return;
      }
      if (internals == null) {
        internals = InternalJars.openLoader(agentJar);
      }
      Class.forName(INSTALLER, true, internals)
          .getMethod("install", String.class, Instrumentation.class, File.class, boolean.class)
          .invoke(null, args, inst, agentJar, lateAttach);
    } catch (Throwable t) {
      // The application must run even when the agent cannot: say so once and instrument nothing.
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println(
          "[mltrace] agent disabled, the application runs without tracing: " + cause);
    }
  }
}
