package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ConfigLoader;
import picocli.CommandLine;

/** {@code mltrace init}: the starter YAML the agent accepts, and the commands for this machine. */
class InitCommandTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  /** Runs init with the jars looked for in a source tree laid out under {@code tree}. */
  private Result init(Path tree, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl =
        MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    InitCommand init = cl.getSubcommands().get("init").getCommand();
    init.installation =
        new Installation(tree.resolve("collector/target/" + Installation.COLLECTOR_JAR));
    String[] all = new String[args.length + 1];
    all[0] = "init";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cl.execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  private Path treeWithJars() throws Exception {
    Path tree = tmp.resolve("src tree");
    Files.createDirectories(tree.resolve("collector/target"));
    Files.createDirectories(tree.resolve("agent/target"));
    Files.writeString(tree.resolve("collector/target/" + Installation.COLLECTOR_JAR), "jar");
    Files.writeString(tree.resolve("agent/target/" + Installation.AGENT_JAR), "jar");
    return tree;
  }

  @Test
  void theStarterYamlIsAcceptedByTheAgentsParser() throws Exception {
    AgentConfig config = ConfigLoader.parse("starter-mltrace.yaml", InitCommand.starterYaml());
    assertEquals(1, config.components().size());
    assertEquals("train", config.components().get(0).name());
  }

  @Test
  void writesTheYamlAndPrintsTheAgentFlagAndCollectCommandWithAbsolutePaths() throws Exception {
    Path tree = treeWithJars();
    Path yaml = tmp.resolve("app/mltrace.yaml");
    Path queue = tmp.resolve("app/queue");
    Result r = init(tree, yaml.toString(), "--queue", queue.toString());

    assertEquals(0, r.code(), r.err());
    assertEquals(InitCommand.starterYaml(), Files.readString(yaml));
    ConfigLoader.load(yaml); // the file as written, through the agent's loader
    Path agent = tree.resolve("agent/target/" + Installation.AGENT_JAR);
    // The path holds a space, so the whole flag is quoted for the shell.
    assertTrue(
        r.out().contains("  '-javaagent:" + agent + "=config=" + yaml + ",queue=" + queue + "'"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "java -jar '"
                    + tree.resolve("collector/target/" + Installation.COLLECTOR_JAR)
                    + "' collect --queue "
                    + queue
                    + " --once"),
        r.out());
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path tree = treeWithJars();
    Path yaml = tmp.resolve("mltrace.yaml");
    Files.writeString(yaml, "components: []  # mine\n");

    Result refused = init(tree, yaml.toString());
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains(yaml + " exists; not overwriting it"), refused.err());
    assertEquals("components: []  # mine\n", Files.readString(yaml));

    Result forced = init(tree, yaml.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(InitCommand.starterYaml(), Files.readString(yaml));
  }

  @Test
  void saysHowToBuildTheAgentWhenItIsMissing() throws Exception {
    Path tree = treeWithJars();
    Files.delete(tree.resolve("agent/target/" + Installation.AGENT_JAR));
    Result r = init(tree, tmp.resolve("mltrace.yaml").toString());

    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("-javaagent:"), r.out());
    assertTrue(r.out().contains("The agent jar is not built: run 'mvn -B -DskipTests package'"));
    assertTrue(r.out().contains(tree.resolve("agent/target/" + Installation.AGENT_JAR).toString()));
  }

  @Test
  void prefersTheLauncherBesideTheJar() throws Exception {
    Path tree = treeWithJars();
    Path launcher = tree.resolve("collector/target/" + Installation.LAUNCHER);
    Files.writeString(launcher, "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);
    Result r = init(tree, tmp.resolve("mltrace.yaml").toString(), "--queue", "/q");

    assertTrue(r.out().contains("'" + launcher + "' collect --queue /q --once"), r.out());
  }
}
