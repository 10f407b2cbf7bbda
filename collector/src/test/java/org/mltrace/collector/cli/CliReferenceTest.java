package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md cannot drift from the command line: each command's section holds its {@code --help},
 * between markers, exactly as picocli renders it from the annotations. A difference fails this
 * test; {@code -Dmltrace.regenerateDocs=true} rewrites the blocks instead (the prose around them
 * stays).
 */
class CliReferenceTest {
  static final String REGENERATE =
      "mvn -B -q -pl collector -am test -Dtest=CliReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dmltrace.regenerateDocs=true";

  private static final Pattern BLOCK =
      Pattern.compile(
          "<!-- generated: (mltrace[\\w -]*?) --help -->\n```text\n(.*?)```\n<!-- end generated -->",
          Pattern.DOTALL);

  /** The usage of one command as the docs show it: no colours, a fixed width. */
  static String usage(String qualifiedName) {
    CommandLine root =
        MltraceCommand.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .setUsageHelpAutoWidth(false)
            .setUsageHelpWidth(100);
    CommandLine cl = root;
    for (String word : qualifiedName.split(" ")) {
      if (!word.equals("mltrace")) {
        cl = cl.getSubcommands().get(word);
      }
    }
    return cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing() + "\n";
  }

  static Path cliMd() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/cli.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      fail("docs/cli.md not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("docs/cli.md");
  }

  @Test
  void everyCommandsHelpInDocsCliMdIsWhatTheCommandPrints() throws Exception {
    Path file = cliMd();
    String doc = Files.readString(file, StandardCharsets.UTF_8);
    Map<String, CommandLine> commands = CommandLineConventionsTest.commands();
    Set<String> documented = new TreeSet<>();
    StringBuilder regenerated = new StringBuilder();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      assertTrue(
          commands.containsKey(m.group(1)), "docs/cli.md documents no command " + m.group(1));
      documented.add(m.group(1));
      m.appendReplacement(
          regenerated,
          Matcher.quoteReplacement(
              "<!-- generated: "
                  + m.group(1)
                  + " --help -->\n```text\n"
                  + usage(m.group(1))
                  + "```\n<!-- end generated -->"));
    }
    m.appendTail(regenerated);

    Set<String> missing = new TreeSet<>(commands.keySet());
    missing.removeAll(documented);
    assertTrue(
        missing.isEmpty(),
        "docs/cli.md has no generated --help block for "
            + missing
            + ": add '<!-- generated: COMMAND --help -->', an empty ```text block and '<!-- end"
            + " generated -->' to its section, then run "
            + REGENERATE);

    if (Boolean.getBoolean("mltrace.regenerateDocs")) {
      Files.writeString(file, regenerated, StandardCharsets.UTF_8);
      return;
    }
    if (!regenerated.toString().equals(doc)) {
      assertEquals(
          doc,
          regenerated.toString(),
          "docs/cli.md's --help blocks differ from the commands' ("
              + file
              + "); regenerate with: "
              + REGENERATE);
    }
  }
}
