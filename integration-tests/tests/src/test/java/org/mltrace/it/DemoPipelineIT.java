package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The taxi demo pipeline in a real JVM with {@code -javaagent}, drained by the collector in another
 * JVM into embedded H2, and questioned through the collector's command line.
 */
class DemoPipelineIT {
  @TempDir static Path dir;
  static Path work;
  static ProcessResult traced;
  static CollectorCli mltrace;

  @BeforeAll
  static void runPipelineTracedAndCollect() throws Exception {
    work = dir.resolve("work");
    Path queue = dir.resolve("queue");
    traced =
        TracedApp.withAgent(
            dir,
            Artifacts.configExample("taxi.yaml"),
            queue,
            List.of("-jar", Artifacts.demoJar().toString(), work.toString()));
    assertEquals(0, traced.exitCode(), traced::toString);
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
  }

  @Test
  void predictionsTraceIsTheExactPipelineDag() throws Exception {
    JsonNode trace = mltrace.json("trace", work.resolve("predictions.csv").toString());
    assertEquals(work.resolve("predictions.csv").toString(), trace.path("pointer").asText());
    assertEquals(
        "predict(save_model(train(split(featurize(clean(generate))))),clean(generate))",
        Lineage.shape(trace.path("producedBy")));
    JsonNode predict = trace.path("producedBy");
    assertEquals(
        work.resolve("model.bin").toString(),
        Lineage.value(predict, "inputs", "modelFile").path("value").asText());
    assertEquals("model", Lineage.value(predict, "inputs", "modelFile").path("type").asText());
    assertEquals(
        work.resolve("clean.csv").toString(),
        Lineage.value(predict, "inputs", "inputCsv").path("value").asText());
  }

  @Test
  void modelFileTraceStopsAtItsProducer() throws Exception {
    JsonNode trace = mltrace.json("trace", work.resolve("model.bin").toString());
    assertEquals(
        "save_model(train(split(featurize(clean(generate)))))",
        Lineage.shape(trace.path("producedBy")));
    // train hands the model to save_model in memory: the link is the object's identity.
    JsonNode save = trace.path("producedBy");
    JsonNode train = Lineage.find(save, "train");
    String handedOver = Lineage.value(save, "inputs", "model").path("value").asText();
    assertTrue(handedOver.startsWith("mem://"), handedOver);
    assertEquals(handedOver, Lineage.value(train, "outputs", "return").path("value").asText());
  }

  @Test
  void localVariablesAndReturnValuesMatchWhatThePipelinePrinted() throws Exception {
    Matcher clean = Pattern.compile("(\\d+) trips kept, (\\d+) dropped").matcher(traced.stdout());
    assertTrue(clean.find(), traced.stdout());
    Matcher accuracy = Pattern.compile("accuracy (\\d\\.\\d+)").matcher(traced.stdout());
    assertTrue(accuracy.find(), traced.stdout());

    JsonNode cleanRun = mltrace.json("history", "clean", "--limit", "1").get(0);
    assertEquals(clean.group(1), Lineage.value(cleanRun, "outputs", "kept").path("value").asText());
    assertEquals(
        clean.group(2), Lineage.value(cleanRun, "outputs", "dropped").path("value").asText());
    assertEquals("long", Lineage.value(cleanRun, "outputs", "dropped").path("kind").asText());

    JsonNode evaluateRun = mltrace.json("history", "evaluate", "--limit", "1").get(0);
    JsonNode returned = Lineage.value(evaluateRun, "outputs", "return");
    assertEquals("double", returned.path("kind").asText());
    assertEquals(
        Double.parseDouble(accuracy.group(1)),
        Double.parseDouble(returned.path("value").asText()),
        0.0005);

    JsonNode trainRun = mltrace.json("history", "train", "--limit", "1").get(0);
    assertEquals("double", Lineage.value(trainRun, "outputs", "finalLoss").path("kind").asText());
    assertEquals("300", Lineage.value(trainRun, "inputs", "epochs").path("value").asText());
  }

  @Test
  void aNumericArrayCarriesItsSummaryThroughTheCollector() throws Exception {
    JsonNode trainRun = mltrace.json("history", "train", "--limit", "1").get(0);
    JsonNode weights = Lineage.value(trainRun, "outputs", "weights");
    assertEquals("pointer", weights.path("kind").asText(), "still an in-memory pointer");
    assertTrue(weights.path("value").asText().startsWith("mem://"), weights.toString());
    JsonNode summary = weights.path("summary");
    assertEquals("number", summary.path("elements").asText(), weights.toString());
    assertEquals(5, summary.path("count").asLong(), "one weight per feature column");
    assertEquals(4, summary.path("sampled").asLong(), "sample_cap: 4 in taxi.yaml");
    assertEquals("stride", summary.path("sampling").asText());
    assertEquals(0, summary.path("nans").asLong());
    double min = summary.path("min").asDouble();
    double max = summary.path("max").asDouble();
    double mean = summary.path("mean").asDouble();
    assertTrue(min <= mean && mean <= max && min < max, summary.toString());
    assertTrue(summary.path("stddev").asDouble() > 0, summary.toString());
    assertEquals(4, summary.path("distinct").asLong(), "four different learned weights");

    ProcessResult text = mltrace.run("inspect", trainRun.path("id").asText());
    assertTrue(text.stdout().contains("sampled=4/stride"), text.stdout());
  }

  @Test
  void fieldPathsAreReadFromTheLiveObjectsAndMatchWhatThePipelinePrinted() throws Exception {
    Matcher train = Pattern.compile("train +(\\d+) rows, (\\d+) features").matcher(traced.stdout());
    assertTrue(train.find(), traced.stdout());
    JsonNode trainRun = mltrace.json("history", "train", "--limit", "1").get(0);

    JsonNode labels = Lineage.value(trainRun, "inputs", "train.labels");
    assertEquals("int[]", labels.path("className").asText(), labels.toString());
    assertEquals(
        Long.parseLong(train.group(1)),
        labels.path("summary").path("count").asLong(),
        "one label per training row");

    JsonNode columns = Lineage.value(trainRun, "outputs", "return.columnNames");
    assertEquals("string", columns.path("summary").path("elements").asText(), columns.toString());
    assertEquals(
        Long.parseLong(train.group(2)),
        columns.path("summary").path("count").asLong(),
        "the model's feature names");
  }

  @Test
  void aFilePointerCarriesItsFingerprintFromWriterToReader() throws Exception {
    Path model = work.resolve("model.bin");
    JsonNode trace = mltrace.json("trace", work.resolve("predictions.csv").toString());
    JsonNode read = Lineage.value(trace.path("producedBy"), "inputs", "modelFile");
    String fingerprint = read.path("fingerprint").asText();
    assertTrue(fingerprint.matches("xxh64:[0-9a-f]{16}"), read.toString());
    assertEquals(Files.size(model), read.path("size").asLong());
    assertEquals(
        Files.getLastModifiedTime(model)
            .toInstant()
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            .toString(),
        read.path("modifiedAt").asText());
    JsonNode saveRun = mltrace.json("history", "save_model", "--limit", "1").get(0);
    assertEquals(
        fingerprint,
        Lineage.value(saveRun, "outputs", "return").path("fingerprint").asText(),
        "what save_model wrote is what predict read: same content, so linked");
  }

  @Test
  void everyRunCarriesIdentityTimesAndCodeVersion() throws Exception {
    JsonNode run = mltrace.json("history", "featurize", "--limit", "1").get(0);
    JsonNode detail = mltrace.json("inspect", run.path("id").asText());
    assertEquals("featurize", detail.path("component").asText());
    assertEquals("ok", detail.path("status").asText());
    assertTrue(detail.path("codeVersion").asText().matches("[0-9a-f]{16}"), detail.toString());
    assertTrue(detail.path("pid").asLong() > 0);
    assertEquals("main", detail.path("thread").asText());
    assertTrue(detail.path("startTime").asText().compareTo(detail.path("endTime").asText()) <= 0);
    assertEquals("ml-team", detail.path("componentInfo").path("owner").asText());
  }

  @Test
  void theAgentChangesNeitherOutputNorFiles() throws Exception {
    Path plainWork = dir.resolve("plain");
    ProcessResult plain =
        TracedApp.withoutAgent(
            dir, List.of("-jar", Artifacts.demoJar().toString(), plainWork.toString()));
    assertEquals(0, plain.exitCode(), plain::toString);
    assertEquals(
        plain.stdout().replace(plainWork.toString(), "WORK"),
        traced.stdout().replace(work.toString(), "WORK"));
    for (String file : List.of("raw.csv", "clean.csv", "model.bin", "predictions.csv")) {
      assertEquals(
          -1,
          Files.mismatch(plainWork.resolve(file), work.resolve(file)),
          file + " differs with the agent");
    }
  }

  @Test
  void theAgentPrintsOnlyItsOwnPrefixedLines() {
    for (String line : traced.stderr().split("\n")) {
      if (!line.isEmpty()) {
        assertTrue(
            line.startsWith("[mltrace] "), "unexpected line on the application's stderr: " + line);
      }
    }
    assertTrue(traced.stderr().contains("[mltrace] tracing 8 components"), traced.stderr());
  }

  @Test
  void aStageThatThrowsIsRecordedFailedAndTheApplicationSeesItsOwnException() throws Exception {
    Path failDir = dir.resolve("fail");
    Path queue = failDir.resolve("queue");
    ProcessResult failed =
        TracedApp.withAgent(
            dir,
            Artifacts.configExample("taxi.yaml"),
            queue,
            List.of(
                "-jar",
                Artifacts.demoJar().toString(),
                failDir.resolve("work").toString(),
                "--fail-stage",
                "evaluate"));
    assertNotEquals(0, failed.exitCode(), failed::toString);
    assertTrue(
        failed.stderr().contains("java.lang.IllegalStateException: injected failure in evaluate"),
        failed.stderr());
    assertTrue(
        failed.stderr().contains("at com.example.taxi.Evaluator.evaluate(Evaluator.java:"),
        failed.stderr());

    CollectorCli other = CollectorCli.h2(Files.createDirectories(failDir.resolve("db")));
    other.collectOnce(queue);
    JsonNode evaluate = other.json("history", "evaluate").get(0);
    assertEquals("failed", evaluate.path("status").asText());
    assertEquals(
        "java.lang.IllegalStateException: injected failure in evaluate",
        evaluate.path("error").asText());
    assertEquals("absent", Lineage.value(evaluate, "outputs", "return").path("kind").asText());
    // the runs before the failure are there, and the failed run still has its lineage
    JsonNode trace = other.json("trace", evaluate.path("id").asText());
    assertEquals(
        "evaluate(train(split(featurize(clean(generate)))),split(featurize(clean(generate))))",
        Lineage.shape(trace));
    assertNotNull(other.json("history", "train").get(0));
  }
}
