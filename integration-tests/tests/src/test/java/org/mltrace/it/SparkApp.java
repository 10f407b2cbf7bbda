package org.mltrace.it;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the Spark MLlib pipeline (integration-tests/spark-pipeline): Spark's JVM
 * flags, its class path and its main class.
 *
 * <p>The flags are Spark's, not mltrace's: on Java 17+ Spark needs {@code --add-opens} (and a few
 * other options) that its own launcher, {@code spark-submit}, always passes. They are read from
 * that launcher ({@code org.apache.spark.launcher.JavaModuleOptions} in the spark-launcher jar of
 * the pipeline's class path) so they follow the Spark version. The same flags are given with and
 * without the agent.
 */
final class SparkApp {
  static final String MAIN_CLASS = "com.example.sparktaxi.SparkTipPipeline";

  private SparkApp() {}

  /** {@code SPARK_FLAGS -cp JARS SparkTipPipeline WORKDIR} */
  static List<String> javaArgs(Path workDir) throws Exception {
    List<String> args = new ArrayList<>(sparkJavaFlags());
    args.add("-cp");
    args.add(Artifacts.sparkPipelineJar() + File.pathSeparator + runtimeClasspath());
    args.add(MAIN_CLASS);
    args.add(workDir.toString());
    return args;
  }

  /** What Spark's launcher adds to every Spark JVM on Java 17 and later. */
  static List<String> sparkJavaFlags() throws Exception {
    Path launcher =
        Arrays.stream(runtimeClasspath().split(File.pathSeparator))
            .map(Path::of)
            .filter(p -> p.getFileName().toString().startsWith("spark-launcher_"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no spark-launcher jar in " + Artifacts.sparkClasspathFile()));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {launcher.toUri().toURL()}, null)) {
      Class<?> options = loader.loadClass("org.apache.spark.launcher.JavaModuleOptions");
      return List.of((String[]) options.getMethod("defaultModuleOptionArray").invoke(null));
    }
  }

  private static String runtimeClasspath() throws Exception {
    return Files.readString(Artifacts.sparkClasspathFile(), StandardCharsets.UTF_8).strip();
  }
}
