package org.mltrace.agent.core;

import java.io.File;
import java.lang.instrument.Instrumentation;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ConfigException;
import org.mltrace.agent.core.config.ConfigLoader;

/**
 * Wires the agent together; called reflectively by the bootstrap {@code AgentMain}.
 *
 * <p>A bad argument or YAML is reported (file, line, what was expected) and the application then
 * runs uninstrumented: the agent never stops its host.
 */
public final class AgentInstaller {
  /** The tracing in force in this JVM, if any; replaced by reload, cleared by detach. */
  private static TracingSession session;

  private AgentInstaller() {}

  public static synchronized void install(
      String args, Instrumentation inst, File agentJar, boolean lateAttach) {
    try {
      AgentArguments arguments = AgentArguments.parse(args);
      if (arguments.mode() == AgentArguments.Mode.DETACH) {
        stopSession();
        return;
      }
      // Which of -Dmltrace.* and MLTRACE_* gave the settings: a container's JAVA_TOOL_OPTIONS and
      // environment are easy to get wrong and hard to look into. Settings all from the argument
      // are what the command line shows, and add no line.
      if (!arguments.allFromArgument()) {
        AgentLog.info(arguments.sources());
      }
      AgentConfig config = ConfigLoader.load(arguments.config());
      if (session != null && arguments.mode() != AgentArguments.Mode.RELOAD) {
        AgentLog.info(
            "already tracing in this JVM; use 'reload' to change the YAML or 'detach' to stop");
        return;
      }
      ModuleAccess.openJdkInternalsTo(inst, AgentInstaller.class.getModule());
      BridgeInjector.inject(inst, agentJar);
      stopSession();
      // Only now may classes that link to the bridge load: TracingSession is the first of them.
      session = TracingSession.start(arguments, config, inst, lateAttach);
    } catch (ConfigException e) {
      for (String line : e.getMessage().split("\n")) {
        AgentLog.info("config error: " + line);
      }
      AgentLog.info("agent disabled: the application runs without tracing");
    } catch (Throwable t) {
      AgentLog.info("agent disabled, the application runs without tracing: " + t.getMessage());
    }
  }

  private static void stopSession() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
