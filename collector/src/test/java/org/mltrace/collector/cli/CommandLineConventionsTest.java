package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The conventions every command keeps: an example in its help that actually parses, and the shared
 * options ({@code --db}, {@code --json}, {@code --limit}) spelled and described the same way.
 */
class CommandLineConventionsTest {
  private static CommandLine root() {
    return MltraceCommand.commandLine(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** Every command but picocli's own {@code help}, by qualified name. */
  static Map<String, CommandLine> commands() {
    Map<String, CommandLine> all = new TreeMap<>();
    collect(root(), all);
    return all;
  }

  private static void collect(CommandLine cl, Map<String, CommandLine> all) {
    if (cl.getCommandName().equals("help")) {
      return;
    }
    all.put(cl.getCommandSpec().qualifiedName(), cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  @Test
  void everyCommandsHelpEndsWithExamplesThatParse() {
    for (var e : commands().entrySet()) {
      String name = e.getKey();
      String usage = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      int at = usage.indexOf("\nExample:\n");
      assertTrue(at >= 0, name + " --help has no Example: section:\n" + usage);
      List<String> examples =
          usage.substring(at).lines().filter(l -> l.startsWith("  mltrace ")).toList();
      assertFalse(examples.isEmpty(), name + "'s examples do not start with 'mltrace'");
      boolean ownExample = false;
      for (String example : examples) {
        List<String> words = words(example.strip());
        ownExample |= (String.join(" ", words) + " ").startsWith(name + " ");
        try {
          root().parseArgs(words.subList(1, words.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException ex) {
          fail(name + "'s example does not parse: " + example + ": " + ex.getMessage());
        }
      }
      assertTrue(ownExample, name + " has no example of itself: " + examples);
    }
  }

  @Test
  void sharedOptionsAreTheSameEverywhere() {
    Map<String, OptionSpec> first = new TreeMap<>();
    int withDb = 0;
    for (var e : commands().entrySet()) {
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        String name = o.longestName();
        if (!List.of("--db", "--json", "--limit", "--quiet").contains(name)) {
          continue;
        }
        withDb += name.equals("--db") ? 1 : 0;
        OptionSpec seen = first.putIfAbsent(name, o);
        if (seen != null) {
          assertEquals(seen.paramLabel(), o.paramLabel(), name + " in " + e.getKey());
          assertEquals(
              List.of(seen.description()), List.of(o.description()), name + " in " + e.getKey());
          assertEquals(seen.defaultValue(), o.defaultValue(), name + " in " + e.getKey());
        }
      }
    }
    assertTrue(withDb > 20, "--db on " + withDb + " commands");
  }

  @Test
  void limitBelowOneIsRefusedTheSameWayByEveryCommandThatListsRows() {
    List<String> refused = new ArrayList<>();
    for (String[] args :
        List.of(
            new String[] {"history", "train", "--limit", "0"},
            new String[] {"recent", "--limit", "0"},
            new String[] {"artifact", "--list", "--limit", "0"})) {
      StringWriter err = new StringWriter();
      int code =
          MltraceCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
              .execute(args);
      assertEquals(ExitCodes.USAGE, code, String.join(" ", args));
      refused.add(err.toString().lines().findFirst().orElse("").replaceAll("'mltrace \\w+", "'X"));
    }
    assertEquals(1, refused.stream().distinct().count(), refused.toString());
    assertTrue(
        refused.get(0).startsWith("mltrace: --limit must be at least 1, got 0"), refused.get(0));
  }

  /**
   * Splits an example like a shell: words, with "double quoted" parts kept together, up to a
   * redirection or pipe.
   */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if ((c == '>' || c == '|') && !quoted) {
        break;
      }
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
