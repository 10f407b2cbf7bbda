package org.mltrace.agent.core.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code java -jar mltrace-agent.jar suggest --classpath CP [--package PREFIX] [--limit N]}: prints
 * a YAML of proposed components on stdout. Exit codes: 0 printed (possibly empty), 1 usage or class
 * path error.
 */
public final class SuggestCommand {
  static final int DEFAULT_LIMIT = 20;
  public static final String USAGE =
      "java -jar mltrace-agent.jar suggest --classpath CP [--package PREFIX] [--limit N]   propose components as YAML";

  private SuggestCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String classPath = null;
    String prefix = null;
    int limit = DEFAULT_LIMIT;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      if ((a.equals("--classpath") || a.equals("-cp")) && hasValue) {
        classPath = args[++i];
      } else if (a.equals("--package") && hasValue) {
        prefix = args[++i];
      } else if (a.equals("--limit") && hasValue && args[i + 1].matches("\\d{1,6}")) {
        limit = Integer.parseInt(args[++i]);
      } else {
        err.println("mltrace-agent: suggest: unexpected '" + a + "'\nusage: " + USAGE);
        return 1;
      }
    }
    if (classPath == null) {
      err.println("mltrace-agent: suggest needs --classpath\nusage: " + USAGE);
      return 1;
    }
    try (ClassPathIndex index = ClassPathIndex.open(classPath)) {
      List<Suggestion> suggestions = new ComponentSuggester(index, prefix).suggest(limit);
      String header =
          "suggest --classpath "
              + classPath
              + (prefix != null ? " --package " + prefix : "")
              + " ("
              + index.classNames().size()
              + " classes scanned)";
      SuggestionYaml.print(suggestions, header, out);
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("mltrace-agent: suggest: " + e.getMessage());
      return 1;
    }
  }
}
