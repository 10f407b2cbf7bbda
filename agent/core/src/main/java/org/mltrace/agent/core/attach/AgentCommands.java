package org.mltrace.agent.core.attach;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.mltrace.agent.core.AgentArguments;
import org.mltrace.agent.core.config.ConfigException;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.core.offline.CheckCommand;
import org.mltrace.agent.core.offline.SuggestCommand;

/**
 * {@code java -jar mltrace-agent.jar attach PID config=PATH.yaml[,queue=DIR]}, {@code reload PID
 * config=...} and {@code detach PID}; {@code check} and {@code suggest} are handed to {@link
 * CheckCommand} and {@link SuggestCommand}, which say their own exit codes.
 *
 * <p>Exit codes of attach, reload and detach: 0 done, 1 usage or YAML error, 2 no such process, 3
 * attaching failed. Paths are made absolute here, since the target JVM has its own working
 * directory.
 */
public final class AgentCommands {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar mltrace-agent.jar attach PID config=PATH.yaml[,queue=DIR]   trace a running JVM",
          "       java -jar mltrace-agent.jar reload PID config=PATH.yaml[,queue=DIR]   replace its YAML",
          "       java -jar mltrace-agent.jar detach PID                                 stop tracing, restore its bytecode",
          "       " + CheckCommand.USAGE,
          "       " + SuggestCommand.USAGE);

  private AgentCommands() {}

  public static int run(String[] args, File agentJar) {
    return run(args, agentJar, System.out, System.err);
  }

  static int run(String[] args, File agentJar, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 1 : 0;
    }
    String command = args[0];
    if (command.equals("check")) {
      return CheckCommand.run(args, out, err);
    }
    if (command.equals("suggest")) {
      return SuggestCommand.run(args, out, err);
    }
    if (!command.equals("attach") && !command.equals("reload") && !command.equals("detach")) {
      err.println("mltrace-agent: unknown command '" + command + "'\n" + USAGE);
      return 1;
    }
    boolean detach = command.equals("detach");
    if (args.length != (detach ? 2 : 3)) {
      err.println(
          "mltrace-agent: '"
              + command
              + "' takes "
              + (detach ? "PID" : "PID config=PATH.yaml[,queue=DIR]")
              + "\n"
              + USAGE);
      return 1;
    }
    String pid = args[1];
    if (!pid.matches("\\d+")) {
      err.println("mltrace-agent: '" + pid + "' is not a process id");
      return 1;
    }
    if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
      err.println("mltrace-agent: no process with id " + pid + " (list JVMs with 'jps -l')");
      return 2;
    }
    String agentArgs;
    Path config = null;
    if (detach) {
      agentArgs = "mode=detach";
    } else {
      AgentArguments parsed;
      try {
        parsed = AgentArguments.parseArgumentOnly(args[2]);
        ConfigLoader.load(parsed.config());
      } catch (IllegalArgumentException e) {
        err.println("mltrace-agent: " + e.getMessage());
        return 1;
      } catch (ConfigException e) {
        for (String line : e.getMessage().split("\n")) {
          err.println("mltrace-agent: config error: " + line);
        }
        return 1;
      }
      config = absolute(parsed.config());
      agentArgs =
          "mode="
              + command
              + ",config="
              + config
              + (parsed.queue() != null ? ",queue=" + absolute(parsed.queue()) : "");
    }
    try {
      ByteBuddyAgent.attach(agentJar, pid, agentArgs);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("mltrace-agent: could not attach to process " + pid + ": " + cause.getMessage());
      return 3;
    }
    out.println(
        switch (command) {
          case "attach" ->
              "attached to " + pid + "; the application's stderr shows '[mltrace] tracing ...'";
          case "reload" -> "reloaded " + pid + " with " + config;
          default -> "detached from " + pid + "; its classes are restored";
        });
    return 0;
  }

  private static Path absolute(Path p) {
    return p.toAbsolutePath().normalize();
  }
}
