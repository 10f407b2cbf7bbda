package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline compiled by kotlinc and scalac (integration-tests/jvm-langs-app) traced by
 * config-examples/jvm-langs.yaml: a Kotlin class's method, a Kotlin top-level function ({@code
 * FeaturesKt}), a Kotlin {@code object}'s method, a Scala object's method named by its module class
 * {@code Trainer$}, and a Scala case class's constructor. The application JVM gets only {@code
 * -javaagent}; the values the agent recorded are compared with those the app printed.
 */
class JvmLanguagesIT {
  @TempDir static Path dir;
  static ProcessResult traced;
  static ProcessResult plain;
  static CollectorCli mltrace;

  /** The app's stdout as {@code name -> value}, e.g. {@code bias -> 0.81646728515625}. */
  static Map<String, String> printed;

  /** {@code trace REGISTER_RUN --json} and {@code trace TRAIN_RUN --json}. */
  static JsonNode register;

  static JsonNode train;

  @BeforeAll
  static void runKotlinScalaPipelineWithAndWithoutTheAgentAndCollect() throws Exception {
    Path queue = dir.resolve("queue");
    traced = TracedApp.withAgent(dir, Artifacts.configExample("jvm-langs.yaml"), queue, appArgs());
    assertEquals(0, traced.exitCode(), traced::toString);
    plain = TracedApp.withoutAgent(dir, appArgs());
    assertEquals(0, plain.exitCode(), plain::toString);
    printed = new LinkedHashMap<>();
    for (String line : plain.stdout().strip().split("\n")) {
      String[] nameValue = line.split("=", 2);
      printed.put(nameValue[0], nameValue[1]);
    }
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    register =
        mltrace.json("trace", mltrace.json("history", "register").get(0).path("id").asText());
    train = mltrace.json("trace", mltrace.json("history", "train").get(0).path("id").asText());
  }

  private static List<String> appArgs() throws Exception {
    String classpath =
        Files.readString(Artifacts.jvmLangsClasspathFile(), StandardCharsets.UTF_8).strip();
    return List.of(
        "-cp",
        Artifacts.jvmLangsJar() + File.pathSeparator + classpath,
        "com.example.jvmlangs.PipelineMain");
  }

  @Test
  void eachKotlinAndScalaComponentRecordsOneSuccessfulRun() throws Exception {
    JsonNode rows =
        mltrace.rows(
            "SELECT component, status, COUNT(*) AS n FROM component_runs GROUP BY component, status ORDER BY component");
    assertEquals(5, rows.size(), rows.toString());
    for (JsonNode row : rows) {
      assertEquals("ok", row.path("status").asText(), row.toString());
      // Trainer.train is a static forwarder into Trainer$.train: still one run, not two.
      assertEquals(1, row.path("n").asLong(), row.toString());
    }
    assertEquals(
        List.of("model", "normalize", "register", "scale", "train"),
        List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3), rows.get(4)).stream()
            .map(r -> r.path("component").asText())
            .toList());
    assertEquals(0, mltrace.count("SELECT COUNT(*) FROM dead_letters"));
  }

  @Test
  void objectsHandedFromKotlinToScalaAndBackLinkTheRuns() throws Exception {
    assertEquals("register(model(normalize(scale)))", Lineage.shape(register));
    assertEquals("train(normalize(scale))", Lineage.shape(train));

    JsonNode scale = Lineage.find(register, "scale");
    JsonNode normalize = Lineage.find(register, "normalize");
    JsonNode model = Lineage.find(register, "model");
    String scaled = pointer(scale, "outputs", "return");
    assertEquals(scaled, pointer(normalize, "inputs", "xs"));
    String normalized = pointer(normalize, "outputs", "return");
    assertEquals(normalized, pointer(train, "inputs", "xs"));
    assertEquals(normalized, pointer(model, "inputs", "weights"));
    // The case class instance, recorded after its constructor, is what the Kotlin object got.
    String modelObject = pointer(model, "outputs", "this");
    assertEquals(modelObject, pointer(register, "inputs", "model"));
    assertEquals(
        "com.example.jvmlangs.Model",
        Lineage.value(model, "outputs", "this").path("className").asText());
    assertEquals("model", Lineage.value(register, "inputs", "model").path("type").asText());
  }

  @Test
  void kotlinValuesEqualWhatTheAppPrinted() throws Exception {
    JsonNode scale = Lineage.find(register, "scale");
    assertEquals(
        "com.example.jvmlangs.FeatureScaler",
        Lineage.value(scale, "inputs", "this").path("className").asText());
    assertEquals("2.5", Lineage.value(scale, "outputs", "this.factor").path("value").asText());
    assertArray(List.of(1.0, 2.0, 3.0, 4.0), Lineage.value(scale, "inputs", "xs"));
    assertArray(doubles(printed.get("scaled")), Lineage.value(scale, "outputs", "return"));
    // The Kotlin local is the returned array itself.
    assertEquals(pointer(scale, "outputs", "return"), pointer(scale, "outputs", "scaled"));

    JsonNode normalize = Lineage.find(register, "normalize");
    assertArray(doubles(printed.get("normalized")), Lineage.value(normalize, "outputs", "return"));
    assertEquals(
        "10.0", Lineage.value(normalize, "outputs", "max").path("value").asText(), "the local max");

    assertEquals("tips", Lineage.value(register, "inputs", "name").path("value").asText());
    assertEquals(
        printed.get("id"), Lineage.value(register, "outputs", "return").path("value").asText());
  }

  @Test
  void scalaValuesEqualWhatTheAppPrinted() throws Exception {
    assertEquals("3", Lineage.value(train, "inputs", "epochs").path("value").asText());
    assertArray(doubles(printed.get("normalized")), Lineage.value(train, "inputs", "xs"));
    assertEquals(
        printed.get("bias"), Lineage.value(train, "outputs", "return").path("value").asText());
    assertEquals(
        printed.get("bias"),
        Lineage.value(train, "outputs", "w").path("value").asText(),
        "the Scala local w");

    JsonNode model = Lineage.find(register, "model");
    assertEquals(
        printed.get("model.bias"), Lineage.value(model, "inputs", "bias").path("value").asText());
    assertArray(doubles(printed.get("normalized")), Lineage.value(model, "inputs", "weights"));
  }

  @Test
  void theAgentChangesNothingTheAppPrints() {
    assertEquals(plain.stdout(), traced.stdout());
    assertEquals(
        List.of("scaled", "normalized", "bias", "model.bias", "id"), List.copyOf(printed.keySet()));
    List<String> agentLines =
        traced.stderr().lines().filter(l -> l.startsWith("[mltrace] ")).toList();
    assertEquals(1, agentLines.size(), traced.stderr());
    assertTrue(agentLines.get(0).startsWith("[mltrace] tracing 5 components"), traced.stderr());
    assertEquals(
        plain.stderr(),
        traced
            .stderr()
            .lines()
            .filter(l -> !l.startsWith("[mltrace] "))
            .map(l -> l + "\n")
            .reduce("", String::concat));
  }

  private static String pointer(JsonNode run, String direction, String name) {
    String value = Lineage.value(run, direction, name).path("value").asText();
    assertTrue(
        value.startsWith("mem://"),
        name + " of " + run.path("component").asText() + " is " + value);
    return value;
  }

  private static List<Double> doubles(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(Double::valueOf).toList();
  }

  /** A double[] variable: its exact size and its summary's count, min, max and mean. */
  private static void assertArray(List<Double> expected, JsonNode variable) {
    assertEquals("double[]", variable.path("className").asText(), variable.toString());
    assertEquals(expected.size(), variable.path("size").asLong(), variable.toString());
    JsonNode summary = variable.path("summary");
    assertEquals(expected.size(), summary.path("count").asLong(), variable.toString());
    assertEquals(
        expected.stream().mapToDouble(d -> d).min().orElseThrow(),
        summary.path("min").asDouble(),
        variable.toString());
    assertEquals(
        expected.stream().mapToDouble(d -> d).max().orElseThrow(),
        summary.path("max").asDouble(),
        variable.toString());
    assertEquals(
        expected.stream().mapToDouble(d -> d).average().orElseThrow(),
        summary.path("mean").asDouble(),
        1e-12,
        variable.toString());
  }
}
