package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent attached with a bare {@code -javaagent:mltrace-agent.jar}, as {@code JAVA_TOOL_OPTIONS}
 * does in a container, configured by {@code MLTRACE_CONFIG}/{@code MLTRACE_QUEUE} or {@code
 * -Dmltrace.config}/{@code -Dmltrace.queue}: the argument wins, then the system property, then the
 * environment, and the start-up line says which was used. Real JVMs running the demo pipeline.
 */
class AgentSettingsIT {
  @TempDir Path dir;

  private ProcessResult demo(String agentArgument, List<String> properties, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + Artifacts.agentJar() + agentArgument);
    args.addAll(properties);
    args.addAll(List.of("-jar", Artifacts.demoJar().toString(), dir.resolve("work").toString()));
    ProcessResult r = JavaProcess.run(dir, args, env);
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  private static boolean holdsQueueFiles(Path queue) throws IOException {
    if (!Files.isDirectory(queue)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(queue)) {
      return files.anyMatch(f -> f.toString().endsWith(".cq4"));
    }
  }

  @Test
  void theEnvironmentAloneConfiguresABareJavaagent() throws Exception {
    Path config = Artifacts.configExample("taxi.yaml");
    Path queue = dir.resolve("env-queue");
    ProcessResult r =
        demo(
            "",
            List.of(),
            Map.of("MLTRACE_CONFIG", config.toString(), "MLTRACE_QUEUE", queue.toString()));
    assertTrue(
        r.stderr()
            .contains(
                "config "
                    + config
                    + " (from MLTRACE_CONFIG), queue "
                    + queue
                    + " (from MLTRACE_QUEUE)"),
        r.stderr());
    assertTrue(r.stderr().contains("tracing "), r.stderr());
    assertTrue(holdsQueueFiles(queue), "the run events go to MLTRACE_QUEUE");
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() throws Exception {
    Path config = Artifacts.configExample("taxi.yaml");
    Path propertyQueue = dir.resolve("property-queue");
    Path envQueue = dir.resolve("env-queue");
    ProcessResult r =
        demo(
            "",
            List.of("-Dmltrace.config=" + config, "-Dmltrace.queue=" + propertyQueue),
            Map.of(
                "MLTRACE_CONFIG",
                dir.resolve("missing.yaml").toString(),
                "MLTRACE_QUEUE",
                envQueue.toString()));
    assertTrue(
        r.stderr()
            .contains(
                "config "
                    + config
                    + " (from -Dmltrace.config), queue "
                    + propertyQueue
                    + " (from -Dmltrace.queue)"),
        r.stderr());
    assertTrue(holdsQueueFiles(propertyQueue), "the run events go to -Dmltrace.queue");
    assertFalse(Files.exists(envQueue), "MLTRACE_QUEUE is not used when the property is set");
  }

  @Test
  void theAgentArgumentWinsOverBoth() throws Exception {
    Path config = Artifacts.configExample("taxi.yaml");
    Path argumentQueue = dir.resolve("argument-queue");
    Path propertyQueue = dir.resolve("property-queue");
    ProcessResult r =
        demo(
            "=config=" + config + ",queue=" + argumentQueue,
            List.of(
                "-Dmltrace.config=" + dir.resolve("missing.yaml"),
                "-Dmltrace.queue=" + propertyQueue),
            Map.of("MLTRACE_CONFIG", dir.resolve("missing-too.yaml").toString()));
    assertFalse(
        r.stderr().contains("(from "), "settings all from the argument add no line: " + r.stderr());
    assertTrue(
        r.stderr().contains("tracing ") && r.stderr().contains(" into " + argumentQueue),
        r.stderr());
    assertTrue(holdsQueueFiles(argumentQueue), "the run events go to the argument's queue");
    assertFalse(Files.exists(propertyQueue));
  }

  @Test
  void withNoSourceTheAgentSaysWhereItLookedAndTheApplicationRuns() throws Exception {
    ProcessResult r = demo("", List.of(), Map.of());
    assertTrue(
        r.stderr()
            .contains(
                "no config given; expected -javaagent:mltrace-agent.jar=config=PATH.yaml[,queue=DIR],"
                    + " -Dmltrace.config=PATH.yaml or MLTRACE_CONFIG=PATH.yaml"),
        r.stderr());
    assertTrue(r.stdout().contains("predictions written"), r.stdout());
  }
}
