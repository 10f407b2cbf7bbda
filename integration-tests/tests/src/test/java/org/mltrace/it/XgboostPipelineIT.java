package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real XGBoost4J pipeline (integration-tests/xgboost-pipeline: DMatrix, XGBoost.train,
 * Booster.saveModel, XGBoost.loadModel, Booster.predict; native library from the xgboost4j jar)
 * traced by config-examples/xgboost4j.yaml, which instruments XGBoost4J's own classes. The
 * application JVM gets only {@code -javaagent}.
 */
class XgboostPipelineIT {
  @TempDir static Path dir;
  static Path work;
  static Path plainWork;
  static ProcessResult traced;
  static ProcessResult plain;
  static CollectorCli mltrace;

  /** {@code trace PREDICT_RUN --json}: the predict run with its upstream tree. */
  static JsonNode predict;

  @BeforeAll
  static void runXgboostPipelineWithAndWithoutTheAgentAndCollect() throws Exception {
    work = dir.resolve("work");
    plainWork = dir.resolve("plain");
    Path queue = dir.resolve("queue");
    traced =
        TracedApp.withAgent(dir, Artifacts.configExample("xgboost4j.yaml"), queue, appArgs(work));
    assertEquals(0, traced.exitCode(), traced::toString);
    plain = TracedApp.withoutAgent(dir, appArgs(plainWork));
    assertEquals(0, plain.exitCode(), plain::toString);
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    String predictRun = mltrace.json("history", "predict").get(0).path("id").asText();
    predict = mltrace.json("trace", predictRun);
  }

  private static List<String> appArgs(Path workDir) throws Exception {
    String classpath =
        Files.readString(Artifacts.xgboostClasspathFile(), StandardCharsets.UTF_8).strip();
    return List.of(
        "-cp",
        Artifacts.xgboostPipelineJar() + File.pathSeparator + classpath,
        "com.example.xgbtips.XgbTipPipeline",
        workDir.toString());
  }

  @Test
  void aPredictionRunTracesBackThroughTheLoadedModelFileToTheTrainingRun() throws Exception {
    assertEquals("predict", predict.path("component").asText(), predict.toString());
    assertEquals("predict(load_model(save_model(train(dmatrix))),dmatrix)", Lineage.shape(predict));

    // predict ran on the Booster that loadModel returned: one object, one pointer.
    JsonNode load = Lineage.find(predict, "load_model");
    assertEquals(
        Lineage.value(load, "outputs", "return").path("value").asText(),
        Lineage.value(predict, "inputs", "this").path("value").asText());
    assertEquals(
        "ml.dmlc.xgboost4j.java.Booster",
        Lineage.value(predict, "inputs", "this").path("className").asText());

    // The model file: written by saveModel (read at exit), read by loadModel, same content.
    String modelFile = work.resolve("model.json").toString();
    JsonNode save = Lineage.find(predict, "save_model");
    JsonNode written = Lineage.value(save, "outputs", "modelPath");
    JsonNode read = Lineage.value(load, "inputs", "modelPath");
    assertEquals(modelFile, written.path("value").asText());
    assertEquals(modelFile, read.path("value").asText());
    assertEquals("model", read.path("type").asText());
    assertEquals(Files.size(work.resolve("model.json")), read.path("size").asLong());
    assertTrue(read.path("fingerprint").asText().matches("xxh64:[0-9a-f]{16}"), read.toString());
    assertEquals(written.path("fingerprint").asText(), read.path("fingerprint").asText());

    // saveModel saved the Booster that train returned.
    JsonNode train = Lineage.find(predict, "train");
    assertEquals(
        Lineage.value(train, "outputs", "return").path("value").asText(),
        Lineage.value(save, "inputs", "this").path("value").asText());
  }

  @Test
  void trainingInputsAreCapturedWithTheFeatureMatrixSummarized() throws Exception {
    JsonNode train = Lineage.find(predict, "train");
    assertEquals("20", Lineage.value(train, "inputs", "round").path("value").asText());
    assertEquals(
        "java.util.LinkedHashMap",
        Lineage.value(train, "inputs", "params").path("className").asText());

    JsonNode dmatrix = Lineage.find(train, "dmatrix");
    assertEquals("600", Lineage.value(dmatrix, "inputs", "arg1").path("value").asText(), "rows");
    assertEquals("4", Lineage.value(dmatrix, "inputs", "arg2").path("value").asText(), "columns");
    assertEquals(
        Lineage.value(dmatrix, "outputs", "this").path("value").asText(),
        Lineage.value(train, "inputs", "dtrain").path("value").asText());
    JsonNode features = Lineage.value(dmatrix, "inputs", "arg0");
    assertEquals("float[]", features.path("className").asText());
    assertEquals(2400, features.path("size").asLong(), "600 trips x 4 features");
    JsonNode summary = features.path("summary");
    assertEquals(2400, summary.path("count").asLong(), features.toString());
    assertEquals(1024, summary.path("sampled").asLong(), features.toString());
    assertEquals(0, summary.path("nans").asLong(), features.toString());
    assertTrue(
        summary.path("max").asDouble() > summary.path("min").asDouble(), features.toString());

    // The batch that was scored: 100 trips, another DMatrix.
    JsonNode batch = predict.path("upstream").get(1);
    assertEquals("100", Lineage.value(batch, "inputs", "arg1").path("value").asText());
    assertEquals(
        Lineage.value(batch, "outputs", "this").path("value").asText(),
        Lineage.value(predict, "inputs", "data").path("value").asText());
  }

  /**
   * The woven Booster came from the xgboost4j jar: inspect names the jar, its SHA-256 and its Maven
   * coordinates.
   */
  @Test
  void inspectNamesTheJarTheWovenClassCameFromWithItsHashAndCoordinates() throws Exception {
    String classpath =
        Files.readString(Artifacts.xgboostClasspathFile(), StandardCharsets.UTF_8).strip();
    Path jar =
        java.util.Arrays.stream(classpath.split(File.pathSeparator))
            .map(Path::of)
            .filter(p -> p.getFileName().toString().startsWith("xgboost4j_"))
            .findFirst()
            .orElseThrow();
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    JsonNode run = mltrace.json("inspect", predict.path("id").asText());
    JsonNode sources = run.path("codeSources");
    assertEquals(1, sources.size(), run.toString());
    JsonNode booster = sources.get(0);
    assertEquals("ml.dmlc.xgboost4j.java.Booster", booster.path("className").asText());
    assertEquals(jar.toAbsolutePath().normalize().toString(), booster.path("location").asText());
    assertEquals(jar.getFileName().toString(), booster.path("jar").asText());
    assertEquals(sha256, booster.path("jarSha256").asText());
    String version =
        jar.getFileName().toString().replaceAll("^xgboost4j_2\\.1[23]-(.*)\\.jar$", "$1");
    assertEquals(
        "ml.dmlc:"
            + jar.getFileName().toString().replace("-" + version + ".jar", "")
            + ":"
            + version,
        booster.path("maven").asText());
    assertEquals(run.path("codeVersion").asText(), booster.path("codeVersion").asText());
    // The agent counted no failure reading it.
    assertEquals(
        0, mltrace.count("SELECT COUNT(*) FROM agent_health WHERE kind = 'code_source_failed'"));
  }

  @Test
  void eachCallIsOneRunAndAllSucceeded() throws Exception {
    for (JsonNode row :
        mltrace.rows(
            "SELECT component, status, COUNT(*) AS n FROM component_runs GROUP BY component, status ORDER BY component")) {
      assertEquals("ok", row.path("status").asText(), row.toString());
      long expected = row.path("component").asText().equals("dmatrix") ? 2 : 1;
      assertEquals(expected, row.path("n").asLong(), row.toString());
    }
    assertEquals(5, mltrace.count("SELECT COUNT(DISTINCT component) FROM component_runs"));
  }

  @Test
  void theAgentChangesNeitherOutputNorModelNorPredictions() throws Exception {
    assertEquals(plain.stdout(), traced.stdout());
    for (String file : List.of("model.json", "predictions.csv")) {
      assertEquals(
          -1,
          Files.mismatch(plainWork.resolve(file), work.resolve(file)),
          file + " differs with the agent");
    }
    assertEquals(
        101,
        Files.readAllLines(work.resolve("predictions.csv")).size(),
        "a header and 100 scored trips");
    List<String> agentLines =
        traced.stderr().lines().filter(l -> l.startsWith("[mltrace] ")).toList();
    assertEquals(1, agentLines.size(), traced.stderr());
    assertTrue(agentLines.get(0).startsWith("[mltrace] tracing 5 components"), traced.stderr());
    assertEquals(
        plain.stderr().lines().filter(l -> !l.isEmpty()).toList(),
        traced.stderr().lines().filter(l -> !l.isEmpty() && !l.startsWith("[mltrace] ")).toList());
  }
}
