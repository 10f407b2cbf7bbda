package org.mltrace.agent.core.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ConfigException;
import org.mltrace.agent.core.config.ConfigLoader;

/**
 * {@code java -jar mltrace-agent.jar check CONFIG.yaml --classpath CP [--json]}: the report as
 * text, or as one JSON object ({@link CheckJson}).
 *
 * <p>Exit codes: 0 every component captures something (problems may still be listed), 1 usage, YAML
 * or class path error, 2 at least one component would capture nothing.
 */
public final class CheckCommand {
  public static final int CAPTURES_NOTHING = 2;
  public static final String USAGE =
      "java -jar mltrace-agent.jar check CONFIG.yaml --classpath CP [--json]   validate a YAML against the application's classes";

  private CheckCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String config = null;
    String classPath = null;
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--json")) {
        json = true;
      } else if ((args[i].equals("--classpath") || args[i].equals("-cp")) && i + 1 < args.length) {
        classPath = args[++i];
      } else if (!args[i].startsWith("-") && config == null) {
        config = args[i];
      } else {
        err.println("mltrace-agent: check: unexpected '" + args[i] + "'\nusage: " + USAGE);
        return 1;
      }
    }
    if (config == null || classPath == null) {
      err.println("mltrace-agent: check needs a YAML file and --classpath\nusage: " + USAGE);
      return 1;
    }
    AgentConfig parsed;
    try {
      parsed = ConfigLoader.load(Path.of(config));
    } catch (ConfigException e) {
      for (String line : e.getMessage().split("\n")) {
        err.println("mltrace-agent: config error: " + line);
      }
      return 1;
    }
    try (ClassPathIndex index = ClassPathIndex.open(classPath)) {
      CheckResult result = new ConfigCheck(index).check(parsed);
      if (json) {
        CheckJson.print(result, out);
      } else {
        CheckReport.print(result, out);
      }
      return result.anyCapturesNothing() ? CAPTURES_NOTHING : 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("mltrace-agent: check: " + e.getMessage());
      return 1;
    }
  }
}
