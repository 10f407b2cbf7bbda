package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache Spark MLlib pipeline (integration-tests/spark-pipeline: CSV, Pipeline of feature
 * stages and LogisticRegression, save, load, transform, write CSV) in local mode, traced by
 * config-examples/spark-mllib.yaml, which instruments Spark's own classes and names the shipped
 * Spark Dataset encoder (agent/target/mltrace-spark-encoder.jar). The application JVM gets Spark's
 * own Java 17 flags (see {@link SparkApp}) and, for the traced run, only {@code -javaagent}
 * besides.
 *
 * <p>The traced run's YAML is spark-mllib.yaml plus one component, {@code generate_trips}, on the
 * application's own CSV generator: it stands for the upstream job that wrote the raw data, so that
 * the test can show a Dataset linking back to the run that wrote its file.
 */
class SparkPipelineIT {
  /** Spark names part files {@code part-00000-<random UUID>-c000.csv}. */
  private static final Pattern PART_FILE =
      Pattern.compile("(part-\\d+)-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}(.*)");

  @TempDir static Path dir;
  static Path work;
  static Path plainWork;
  static ProcessResult traced;
  static ProcessResult plain;
  static CollectorCli mltrace;

  /** {@code trace WORK/predictions --json}: its producing run with the upstream tree. */
  static JsonNode writeCsv;

  static final String GENERATE_TRIPS =
      String.join(
          "\n",
          "  - name: generate_trips",
          "    description: the application's CSV generator, standing for the upstream job that wrote the raw data",
          "    method: \"com.example.sparktaxi.TripCsv#write(java.nio.file.Path, int, long, boolean)\"",
          "    outputs: [file]",
          "");

  @BeforeAll
  static void runSparkPipelineWithAndWithoutTheAgentAndCollect() throws Exception {
    work = dir.resolve("work");
    plainWork = dir.resolve("plain");
    Path queue = dir.resolve("queue");
    String example = Files.readString(Artifacts.configExample("spark-mllib.yaml"));
    String pluginLine = "plugins: [../agent/target/mltrace-spark-encoder.jar]";
    assertTrue(example.contains(pluginLine), "spark-mllib.yaml names the Spark encoder");
    Path yaml =
        Files.writeString(
            dir.resolve("spark-mllib-with-generator.yaml"),
            example.replace(pluginLine, "plugins: [" + Artifacts.sparkEncoderJar() + "]")
                + GENERATE_TRIPS);
    long start = System.nanoTime();
    traced = TracedApp.withAgent(dir, yaml, queue, SparkApp.javaArgs(work));
    long tracedDone = System.nanoTime();
    assertEquals(0, traced.exitCode(), traced::toString);
    plain = TracedApp.withoutAgent(dir, SparkApp.javaArgs(plainWork));
    long plainDone = System.nanoTime();
    assertEquals(0, plain.exitCode(), plain::toString);
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    JsonNode trace = mltrace.json("trace", work.resolve("predictions").toString());
    assertEquals(work.resolve("predictions").toString(), trace.path("pointer").asText());
    writeCsv = trace.path("producedBy");
    System.out.printf(
        "SparkPipelineIT: traced run %.1f s, plain run %.1f s, collect %.1f s%n",
        (tracedDone - start) / 1e9,
        (plainDone - tracedDone) / 1e9,
        (System.nanoTime() - plainDone) / 1e9);
  }

  @Test
  void predictionsTraceBackToTheRawCsvThroughSparksOwnMethods() throws Exception {
    assertEquals(
        "write_csv(dataset_writer(score(load_model(save_model(model_writer(fit(read_csv(generate_trips),generate_trips)))),"
            + "read_csv(generate_trips),generate_trips),generate_trips))",
        Lineage.shape(writeCsv));

    // The root: the raw CSV the application generated, read by spark.read().csv(path).
    JsonNode trainingRead = Lineage.find(Lineage.find(writeCsv, "fit"), "read_csv");
    JsonNode raw = Lineage.value(trainingRead, "inputs", "path");
    assertEquals(work.resolve("raw/trips.csv").toString(), raw.path("value").asText());
    assertEquals("data", raw.path("type").asText());
    assertEquals(Files.size(work.resolve("raw/trips.csv")), raw.path("size").asLong());
    assertTrue(raw.path("fingerprint").asText().matches("xxh64:[0-9a-f]{16}"), raw.toString());
    assertEquals(
        "read_csv(generate_trips)", Lineage.shape(trainingRead), "the generator wrote the raw CSV");

    // The batch that was scored: the second input of score.
    JsonNode score = Lineage.find(writeCsv, "score");
    JsonNode batchRead = score.path("upstream").get(1);
    assertEquals(
        work.resolve("batch/trips.csv").toString(),
        Lineage.value(batchRead, "inputs", "path").path("value").asText());
  }

  @Test
  void datasetsNameTheirSchemaAndSourceCsvSoTheyLinkToTheRunThatWroteIt() throws Exception {
    // fit never sees a path: its Dataset names the raw CSV itself (the Spark encoder reads the
    // file relation in its plan), so fit links straight to the run that wrote the file.
    JsonNode fit = Lineage.find(writeCsv, "fit");
    JsonNode source = Lineage.value(fit, "inputs", "dataset.source[0]");
    assertEquals(work.resolve("raw/trips.csv").toString(), source.path("value").asText());
    assertEquals("data", source.path("type").asText());
    JsonNode generator = fit.path("upstream").get(1);
    assertEquals("generate_trips", generator.path("component").asText());
    JsonNode written = Lineage.value(generator, "outputs", "file");
    assertEquals(written.path("value").asText(), source.path("value").asText());
    assertTrue(
        source.path("fingerprint").asText().matches("xxh64:[0-9a-f]{16}"), source.toString());
    assertEquals(
        written.path("fingerprint").asText(),
        source.path("fingerprint").asText(),
        "the content the generator wrote");
    assertEquals(
        "struct<trip_id:int,payment_type:string,passengers:int,distance_km:double,fare:double,hour:int,tipped:double>",
        Lineage.value(fit, "inputs", "dataset.schema").path("value").asText());

    // The predictions Dataset handed to write(): computed from the batch CSV through the loaded
    // model's five stages, and its plan still names that CSV.
    JsonNode writer = Lineage.find(writeCsv, "dataset_writer");
    assertEquals(
        work.resolve("batch/trips.csv").toString(),
        Lineage.value(writer, "inputs", "this.source[0]").path("value").asText());
    assertEquals(
        "struct<trip_id:int,payment_type:string,distance_km:double,fare:double,prediction:double>",
        Lineage.value(writer, "inputs", "this.schema").path("value").asText());
    assertEquals("generate_trips", writer.path("upstream").get(1).path("component").asText());
  }

  @Test
  void objectsHandedOnInMemoryAndTheModelDirectoryLinkTheRuns() throws Exception {
    JsonNode fit = Lineage.find(writeCsv, "fit");
    JsonNode read = Lineage.find(fit, "read_csv");
    JsonNode save = Lineage.find(writeCsv, "save_model");
    JsonNode load = Lineage.find(writeCsv, "load_model");

    JsonNode dataset = Lineage.value(fit, "inputs", "dataset");
    assertEquals(
        Lineage.value(read, "outputs", "return").path("value").asText(),
        dataset.path("value").asText());
    assertTrue(dataset.path("value").asText().startsWith("mem://"), dataset.toString());
    assertEquals("org.apache.spark.sql.classic.Dataset", dataset.path("className").asText());

    JsonNode fitted = Lineage.value(fit, "outputs", "return");
    assertEquals("org.apache.spark.ml.PipelineModel", fitted.path("className").asText());
    assertEquals("model", fitted.path("type").asText());

    // The model directory: written by save (read at exit, when it exists), read by load.
    String modelDir = work.resolve("model").toString();
    JsonNode saved = Lineage.value(save, "outputs", "path");
    assertEquals(modelDir, saved.path("value").asText());
    assertEquals("model", saved.path("type").asText(), "type: model in spark-mllib.yaml");
    assertEquals(modelDir, Lineage.value(load, "inputs", "path").path("value").asText());
    assertEquals(
        "org.apache.spark.ml.PipelineModel",
        Lineage.value(load, "outputs", "return").path("className").asText());
  }

  @Test
  void aRunIsTheOutermostCallSoSparksInternalCallsAddNone() throws Exception {
    // PipelineModelWriter.save calls MLWriter.save, which saves every stage with its own
    // MLWriter.save: one run. The two CSVs are read once each.
    Map<String, Long> runs = new TreeMap<>();
    for (JsonNode row :
        mltrace.rows(
            "SELECT component, status, COUNT(*) AS n FROM component_runs GROUP BY component, status")) {
      assertEquals("ok", row.path("status").asText(), row.toString());
      runs.put(row.path("component").asText(), row.path("n").asLong());
    }
    assertEquals(1, runs.get("save_model"), runs.toString());
    assertEquals(1, runs.get("fit"), runs.toString());
    assertEquals(2, runs.get("read_csv"), runs.toString());
    assertEquals(1, runs.get("count_rows"), runs.toString());
    assertEquals(1, runs.get("write_csv"), runs.toString());
    assertEquals(2, runs.get("generate_trips"), runs.toString());
  }

  @Test
  void theCountedRowsAreWhatThePipelinePrinted() throws Exception {
    Matcher read = Pattern.compile("read (\\d+) training trips").matcher(traced.stdout());
    assertTrue(read.find(), traced.stdout());
    JsonNode count = mltrace.json("history", "count_rows").get(0);
    JsonNode rows = Lineage.value(count, "outputs", "return");
    assertEquals("long", rows.path("kind").asText());
    assertEquals("metric", rows.path("type").asText());
    assertEquals(read.group(1), rows.path("value").asText());
    // The Dataset counted is the one spark.read().csv returned and Pipeline.fit received.
    assertEquals(
        Lineage.value(Lineage.find(writeCsv, "fit"), "inputs", "dataset").path("value").asText(),
        Lineage.value(count, "inputs", "this").path("value").asText());
  }

  @Test
  void theAgentChangesNeitherOutputNorPredictions() throws Exception {
    assertEquals(
        plain.stdout().replace(plainWork.toString(), "WORK"),
        traced.stdout().replace(work.toString(), "WORK"));
    for (String file : List.of("raw/trips.csv", "batch/trips.csv")) {
      assertEquals(
          -1,
          Files.mismatch(plainWork.resolve(file), work.resolve(file)),
          file + " differs with the agent");
    }
    // Part file names carry a random UUID: compare the part files by their number, byte for byte.
    Map<String, Path> withAgent = partFiles(work.resolve("predictions"));
    Map<String, Path> without = partFiles(plainWork.resolve("predictions"));
    assertEquals(without.keySet(), withAgent.keySet());
    assertFalse(withAgent.isEmpty());
    for (String part : withAgent.keySet()) {
      assertEquals(
          -1,
          Files.mismatch(without.get(part), withAgent.get(part)),
          part + " differs with the agent");
    }
    assertEquals(
        1001,
        Files.readAllLines(withAgent.values().iterator().next()).size(),
        "a header and 1000 scored trips");
  }

  @Test
  void theAgentAddsOnlyItsTracingLineToStderr() {
    List<String> agentLines = new ArrayList<>();
    List<String> otherLines = new ArrayList<>();
    for (String line : traced.stderr().split("\n")) {
      if (line.startsWith("[mltrace] ")) {
        agentLines.add(line);
      } else if (!line.isEmpty()) {
        otherLines.add(line);
      }
    }
    // Every component matched and every matched Spark class was woven: no warning at all.
    assertEquals(1, agentLines.size(), traced.stderr());
    assertTrue(agentLines.get(0).startsWith("[mltrace] tracing 10 components"), traced.stderr());
    // What is left is the JVM's and Spark's own (log4j2.properties in the pipeline: errors only).
    assertEquals(
        plain.stderr().lines().filter(l -> !l.isEmpty()).toList(), otherLines, traced.stderr());
  }

  /** Part files by their name without the UUID ({@code part-00000.csv}), to their path. */
  private static Map<String, Path> partFiles(Path sparkOutput) throws IOException {
    Map<String, Path> parts = new TreeMap<>();
    try (Stream<Path> files = Files.list(sparkOutput)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = PART_FILE.matcher(f.getFileName().toString());
        if (m.matches()) {
          parts.put(m.group(1) + m.group(2), f);
        }
      }
    }
    return parts;
  }
}
