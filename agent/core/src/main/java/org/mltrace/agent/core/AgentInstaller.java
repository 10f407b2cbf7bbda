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
  private AgentInstaller() {}

  public static void install(String args, Instrumentation inst, File agentJar, boolean lateAttach) {
    try {
      AgentArguments arguments = AgentArguments.parse(args);
      AgentConfig config = ConfigLoader.load(arguments.config());
      ModuleAccess.openJdkInternalsTo(inst, AgentInstaller.class.getModule());
      BridgeInjector.inject(inst, agentJar);
      // Only now may classes that link to the bridge load: AgentStartup is the first of them.
      AgentStartup.start(arguments, config, inst, lateAttach);
    } catch (ConfigException e) {
      for (String line : e.getMessage().split("\n")) {
        AgentLog.info("config error: " + line);
      }
      AgentLog.info("agent disabled: the application runs without tracing");
    } catch (Throwable t) {
      AgentLog.info("agent disabled, the application runs without tracing: " + t.getMessage());
    }
  }

}
