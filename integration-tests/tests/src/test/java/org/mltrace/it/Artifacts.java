package org.mltrace.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built jars under test, located by Failsafe's system properties. */
final class Artifacts {
  private Artifacts() {}

  static Path agentJar() {
    return existing("mltrace.agentJar");
  }

  static Path collectorJar() {
    return existing("mltrace.collectorJar");
  }

  static Path demoJar() {
    return existing("mltrace.demoJar");
  }

  static Path clashJar() {
    return existing("mltrace.clashJar");
  }

  /** The Spark pipeline's own jar (integration-tests/spark-pipeline), without its dependencies. */
  static Path sparkPipelineJar() {
    return existing("mltrace.sparkJar");
  }

  /** A file holding the Spark pipeline's runtime class path (Spark's jars), one line. */
  static Path sparkClasspathFile() {
    return existing("mltrace.sparkClasspath");
  }

  /** integration-tests/frame-app: a pipeline with a frame class the agent does not know. */
  static Path frameAppJar() {
    return existing("mltrace.frameAppJar");
  }

  /** integration-tests/frame-encoder-plugin: the value-encoder plugin for that frame class. */
  static Path framePluginJar() {
    return existing("mltrace.framePluginJar");
  }

  /** agent/target/mltrace-spark-encoder.jar: the shipped Spark Dataset encoder plugin. */
  static Path sparkEncoderJar() {
    return existing("mltrace.sparkEncoderJar");
  }

  /** integration-tests/xgboost-pipeline's own jar, without its dependencies. */
  static Path xgboostPipelineJar() {
    return existing("mltrace.xgboostJar");
  }

  /** A file holding the XGBoost pipeline's runtime class path (xgboost4j, Scala 2.12), one line. */
  static Path xgboostClasspathFile() {
    return existing("mltrace.xgboostClasspath");
  }

  /**
   * integration-tests/jvm-langs-app's own jar: Kotlin and Scala classes, without their libraries.
   */
  static Path jvmLangsJar() {
    return existing("mltrace.jvmLangsJar");
  }

  /** A file holding that app's runtime class path (kotlin-stdlib, scala-library), one line. */
  static Path jvmLangsClasspathFile() {
    return existing("mltrace.jvmLangsClasspath");
  }

  static Path configExample(String name) {
    return existing("mltrace.configExamples").resolve(name);
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run the ITs through Maven (mvn verify)");
    }
    Path p = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          p + " does not exist; build it first (mvn -DskipTests package)");
    }
    return p;
  }
}
