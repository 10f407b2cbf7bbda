package org.mltrace.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AgentCallBenchmark} in forks started with the mltrace agent and prints, for each
 * traced/plain pair, the difference and the ratio.
 *
 * <pre>
 *   mvn -q -DskipTests package
 *   java -jar benchmarks/target/benchmarks.jar [AGENT_JAR] [--quick]
 * </pre>
 */
public final class RunBenchmarks {
  private RunBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Path agent =
        Path.of(
                args.length > 0 && !args[0].startsWith("--")
                    ? args[0]
                    : "agent/target/mltrace-agent.jar")
            .toAbsolutePath();
    boolean quick = java.util.Arrays.asList(args).contains("--quick");
    if (!Files.isRegularFile(agent)) {
      System.err.println(
          "benchmarks: no agent jar at "
              + agent
              + "; build it with mvn -DskipTests package or pass its path");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("mltrace-bench");
    Path config = dir.resolve("bench.yaml");
    try (InputStream in = RunBenchmarks.class.getResourceAsStream("/bench.yaml")) {
      Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
    }
    Options options =
        new OptionsBuilder()
            .include(AgentCallBenchmark.class.getName())
            .forks(quick ? 1 : 2)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend(
                "-javaagent:" + agent + "=config=" + config + ",queue=" + dir.resolve("queue"))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> score = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      score.put(
          name.substring(name.lastIndexOf('.') + 1) + "/" + r.getParams().getParam("size"),
          r.getPrimaryResult().getScore());
    }
    System.out.println();
    System.out.println("traced vs plain, same JVM (agent attached), ns per call:");
    for (String key : new java.util.TreeSet<>(score.keySet())) {
      if (!key.contains("Plain/")) {
        continue;
      }
      Double tracedScore = score.get(key.replace("Plain/", "Traced/"));
      if (tracedScore == null) {
        continue; // its run failed (a fork killed, say): JMH printed why above
      }
      double plain = score.get(key);
      double traced = tracedScore;
      String label = key.replace("Plain/", " size=");
      System.out.printf(
          "  %-18s plain %10.1f  traced %10.1f  difference %8.1f  ratio %.2fx%n",
          label, plain, traced, traced - plain, traced / plain);
    }
  }
}
