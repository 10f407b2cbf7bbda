package org.mltrace.collector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mltrace init}: writes a commented starter YAML and prints the {@code -javaagent} flag and
 * the collector command with this machine's absolute paths, so the first run needs no guessing.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented starter mltrace.yaml and print the -javaagent flag and the collect "
          + "command for this machine.",
      "",
      "The agent jar is looked for beside the collector jar and in the build tree "
          + "(agent/target/mltrace-agent.jar); when it is not built, says how to build it."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace init --queue /var/lib/mltrace/queue",
      "  mltrace init pipeline.yaml --force"
    })
final class InitCommand implements Callable<Integer> {
  static final String STARTER = "starter-mltrace.yaml";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      defaultValue = "mltrace.yaml",
      description = "The YAML to write (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--queue",
      paramLabel = "DIR",
      defaultValue = Installation.DEFAULT_QUEUE,
      description =
          "The queue directory the agent writes and collect drains (default ${DEFAULT-VALUE}, "
              + "made absolute).")
  Path queue;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @Spec CommandSpec spec;

  /** Where the jars are; tests point it at a layout of their own. */
  Installation installation = Installation.current();

  @Override
  public Integer call() {
    Path file = config.toAbsolutePath().normalize();
    if (Files.exists(file) && !force) {
      throw new ParameterException(
          spec.commandLine(), file + " exists; not overwriting it (use --force to replace it)");
    }
    write(file);
    Path queueDir = queue.toAbsolutePath().normalize();
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + file + ": replace the example component with your own (docs/config.md)");
    out.println();
    Optional<Path> agent = installation.agentJar();
    if (agent.isPresent()) {
      out.println(
          "Start your application with the agent (one line, before -jar or the main class):");
      out.println(
          "  "
              + Shell.quote(
                  "-javaagent:" + agent.get() + "=config=" + file + ",queue=" + queueDir));
      out.println();
      out.println("Check the YAML against your application's jars first:");
      out.println(
          "  java -jar "
              + Shell.quote(agent.get().toString())
              + " check "
              + Shell.quote(file.toString())
              + " --classpath app.jar");
    } else {
      out.println(
          "The agent jar is not built: run 'mvn -B -DskipTests package' in the mltrace source tree,"
              + " then 'mltrace init --force' again. Looked for:");
      installation.agentJarCandidates().forEach(p -> out.println("  " + p));
    }
    out.println();
    out.println("Then store what the agent recorded, and ask where an output came from:");
    String mltrace = installation.collectorCommand();
    out.println(
        "  " + mltrace + " collect --queue " + Shell.quote(queueDir.toString()) + " --once");
    out.println("  " + mltrace + " trace /path/to/an/output");
    out.flush();
    return ExitCodes.OK;
  }

  private static void write(Path file) {
    try (InputStream in = InitCommand.class.getResourceAsStream(STARTER)) {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.write(file, in.readAllBytes());
    } catch (IOException e) {
      throw new FileWriteException(file, e);
    }
  }

  /** The starter YAML as shipped (tests parse it with the agent's own parser). */
  static String starterYaml() {
    try (InputStream in = InitCommand.class.getResourceAsStream(STARTER)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
