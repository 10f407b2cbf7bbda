package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent needs no JVM flag on Java 25 either (Chronicle's module opens and the JDK's Unsafe
 * warning are handled inside the agent). Java 25 is taken from {@code MLTRACE_JAVA25_HOME} or the
 * machine's Temurin 25; without one the test is skipped with a message.
 */
class OtherJavaVersionIT {
  @TempDir Path dir;

  static Path java25() {
    String env = System.getenv("MLTRACE_JAVA25_HOME");
    Path home = env != null ? Path.of(env) : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    return Files.isExecutable(home.resolve("bin/java")) ? home : null;
  }

  @Test
  void demoIsTracedOnJava25WithoutFlagsOrNoise() throws Exception {
    Path home = java25();
    assumeTrue(
        home != null, "no Java 25 found (set MLTRACE_JAVA25_HOME): skipping the Java 25 run");
    Path queue = dir.resolve("queue");
    ProcessResult r =
        JavaProcess.run(
            home,
            dir,
            List.of(
                "-javaagent:"
                    + Artifacts.agentJar()
                    + "=config="
                    + Artifacts.configExample("taxi.yaml")
                    + ",queue="
                    + queue,
                "-jar",
                Artifacts.demoJar().toString(),
                dir.resolve("work").toString()));
    assertEquals(0, r.exitCode(), r::toString);
    for (String line : r.stderr().split("\n")) {
      assertTrue(
          line.isEmpty() || line.startsWith("[mltrace] "),
          "unexpected stderr line on Java 25: " + line);
    }
    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    JsonNode trace = mltrace.json("trace", dir.resolve("work/predictions.csv").toString());
    assertEquals(
        "predict(save_model(train(split(featurize(clean(generate))))),clean(generate))",
        Lineage.shape(trace.path("producedBy")));
  }
}
