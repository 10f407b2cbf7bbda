package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value-encoder plugin in a real JVM: integration-tests/frame-app has a Frame class the agent
 * does not know, read from a CSV by a method no component instruments; the plugin jar
 * (integration-tests/frame-encoder-plugin, compiled against the app's Frame and the agent's SPI, on
 * no class path) is named in the YAML by a path relative to the YAML and tells the agent the
 * Frame's schema and source file. Its second provider throws on every model.
 */
class EncoderPluginIT {
  private static final String COMPONENTS =
      String.join(
          "\n",
          "components:",
          "  - name: write_raw",
          "    method: \"com.example.frames.FramePipeline#writeRaw(java.nio.file.Path, int)\"",
          "    outputs: [path]",
          "  - name: train",
          "    method: \"com.example.frames.FramePipeline#train(com.example.frames.Frame)\"",
          "    inputs: [frame]",
          "    outputs: [return]",
          "  - name: report",
          "    method: \"com.example.frames.FramePipeline#report(com.example.frames.MeanModel, com.example.frames.Frame, java.nio.file.Path)\"",
          "    inputs: [model, frame]",
          "    outputs: [out]",
          "");

  @TempDir static Path dir;
  static Path work;
  static Path plainWork;
  static ProcessResult traced;
  static ProcessResult plain;
  static CollectorCli mltrace;
  static JsonNode report;

  @BeforeAll
  static void runTheFramePipelineWithThePluginAndCollect() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(conf.resolve("plugins"));
    Files.copy(Artifacts.framePluginJar(), conf.resolve("plugins/frame-encoder.jar"));
    Path yaml =
        Files.writeString(
            conf.resolve("frames.yaml"), "plugins: [plugins/frame-encoder.jar]\n" + COMPONENTS);
    work = dir.resolve("work");
    plainWork = dir.resolve("plain");
    Path queue = dir.resolve("queue");
    // The working directory is not the YAML's: the plugin path must resolve against the YAML.
    traced = TracedApp.withAgent(dir, yaml, queue, appArgs(work));
    assertEquals(0, traced.exitCode(), traced::toString);
    plain = TracedApp.withoutAgent(dir, appArgs(plainWork));
    assertEquals(0, plain.exitCode(), plain::toString);
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    report = mltrace.json("trace", work.resolve("report.txt").toString()).path("producedBy");
  }

  private static List<String> appArgs(Path workDir) {
    return List.of(
        "-cp",
        Artifacts.frameAppJar().toString(),
        "com.example.frames.FramePipeline",
        workDir.toString());
  }

  @Test
  void theFramesSourceLinksItsReadersToTheRunThatWroteTheCsv() throws Exception {
    // No component reads the CSV: train and report reach write_raw only through frame.source[0].
    assertEquals("report(train(write_raw),write_raw)", Lineage.shape(report));
    JsonNode train = Lineage.find(report, "train");
    JsonNode source = Lineage.value(train, "inputs", "frame.source[0]");
    Path raw = work.resolve("raw.csv");
    assertEquals(raw.toString(), source.path("value").asText());
    assertEquals(Files.size(raw), source.path("size").asLong());
    assertTrue(
        source.path("fingerprint").asText().matches("xxh64:[0-9a-f]{16}"), source.toString());
    assertEquals(
        Lineage.value(Lineage.find(train, "write_raw"), "outputs", "path")
            .path("fingerprint")
            .asText(),
        source.path("fingerprint").asText(),
        "the same content the writer recorded");
  }

  @Test
  void theFrameKeepsItsIdentityAndGainsItsSchema() throws Exception {
    JsonNode train = Lineage.find(report, "train");
    JsonNode frame = Lineage.value(train, "inputs", "frame");
    assertTrue(frame.path("value").asText().startsWith("mem://"), frame.toString());
    assertEquals("com.example.frames.Frame", frame.path("className").asText());
    assertEquals(
        frame.path("value").asText(),
        Lineage.value(report, "inputs", "frame").path("value").asText(),
        "one object, one pointer");
    assertEquals(
        "distance_km,fare (200 rows)",
        Lineage.value(train, "inputs", "frame.schema").path("value").asText());
  }

  @Test
  void aPluginThatThrowsIsReportedOnceCountedAndTheModelRecordedAnyway() throws Exception {
    List<String> warnings =
        traced.stderr().lines().filter(l -> l.startsWith("[mltrace] warning: plugin")).toList();
    assertEquals(1, warnings.size(), traced.stderr());
    assertTrue(
        warnings
            .get(0)
            .contains("frame-encoder.jar failed in encode(com.example.frames.MeanModel)"),
        warnings.get(0));
    assertTrue(warnings.get(0).contains("this plugin cannot describe models"), warnings.get(0));
    // Encoded twice (train's return, report's input): both counted, in the exit summary and the
    // stats.
    assertTrue(traced.stderr().contains(", 2 internal errors (plugin_failed=2);"), traced.stderr());
    assertEquals(2, mltrace.count("SELECT SUM(internal_errors) FROM agent_stats"));
    assertEquals(
        2,
        mltrace.count("SELECT SUM(count) FROM agent_health WHERE kind = 'plugin_failed'"),
        "stored by kind");
    String model =
        Lineage.value(Lineage.find(report, "train"), "outputs", "return").path("value").asText();
    assertTrue(
        model.startsWith("mem://") && model.contains("/com.example.frames.MeanModel@"), model);
    assertEquals(model, Lineage.value(report, "inputs", "model").path("value").asText());
  }

  @Test
  void thePipelinesOutputIsTheSameWithAndWithoutTheAgent() throws Exception {
    assertEquals(plain.stdout(), traced.stdout());
    for (String file : List.of("raw.csv", "report.txt")) {
      assertEquals(-1, Files.mismatch(plainWork.resolve(file), work.resolve(file)), file);
    }
  }

  @Test
  void aMissingPluginJarIsAConfigErrorWithFileAndLineAndThePipelineStillRuns() throws Exception {
    Path yaml =
        Files.writeString(
            dir.resolve("missing.yaml"),
            "queue: q\nplugins:\n  - plugins/absent.jar\n" + COMPONENTS);
    Path out = dir.resolve("missing-work");
    ProcessResult r = TracedApp.withAgent(dir, yaml, dir.resolve("missing-queue"), appArgs(out));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stderr().contains(yaml + ":3: plugin jar 'plugins/absent.jar' not found"), r.stderr());
    assertTrue(r.stderr().contains("agent disabled"), r.stderr());
    assertEquals(plain.stdout(), r.stdout());
  }
}
