package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar mltrace-agent.jar check} and {@code suggest} as a user runs them: on the demo's
 * jar with config-examples/taxi.yaml and a broken copy of it, and on a third-party library jar
 * (XGBoost4J, the jar the xgboost-pipeline module resolves from Maven) with
 * config-examples/xgboost4j.yaml, a broken YAML and the library's own suggestions.
 */
class CheckAndSuggestIT {
  @TempDir Path dir;

  private ProcessResult agent(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("-jar", Artifacts.agentJar().toString()));
    command.addAll(Arrays.asList(args));
    return JavaProcess.run(dir, command);
  }

  /**
   * The xgboost4j jar from the XGBoost pipeline's resolved class path (Maven's local repository).
   */
  private static String xgboostJar() throws Exception {
    String classpath =
        Files.readString(Artifacts.xgboostClasspathFile(), StandardCharsets.UTF_8).strip();
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(p -> p.contains("xgboost4j_2.12"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no xgboost4j jar in " + classpath));
  }

  @Test
  void taxiYamlChecksCleanAgainstTheDemoJar() throws Exception {
    ProcessResult r =
        agent(
            "check",
            Artifacts.configExample("taxi.yaml").toString(),
            "--classpath",
            Artifacts.demoJar().toString());
    assertEquals(0, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(out.contains("8 component(s), 0 problem(s), 0 that would capture nothing"), out);
    assertTrue(out.contains("output rawFares  local (double[]), read at 1 of 1 exit(s)"), out);
    assertTrue(out.contains("=> summary"), out);
    assertTrue(
        out.contains(
            "input  rawCsv    parameter (java.nio.file.Path), read at entry  => file pointer"),
        out);
    assertTrue(
        out.contains(
            "input  train.labels        parameter (com.example.taxi.FeatureTable), read at entry, field labels (int[])"),
        out);
  }

  @Test
  void brokenTaxiYamlNamesEachMistakeWithItsLineAndExitsTwo() throws Exception {
    String yaml =
        Files.readString(Artifacts.configExample("taxi.yaml"), StandardCharsets.UTF_8)
            .replace(
                "outputs: [return, dropped, kept, rawFares]",
                "outputs: [return, droped, kept, rawFares]")
            .replace(
                "com.example.taxi.Featurizer#featurize(java.nio.file.Path)",
                "com.example.taxi.Featurizer#featurize(java.io.File)")
            // a ninth component, at the end of the components list (the tasks section follows it)
            .replace(
                "\ntasks:",
                "\n  - name: records\n    method: \"java.lang.Record+#toString()\"\n    outputs: [return]\n\ntasks:");
    Path broken = Files.writeString(dir.resolve("taxi-broken.yaml"), yaml);
    List<String> lines = yaml.lines().toList();
    int dropedLine = lineOf(lines, "droped");
    int featurizeLine = lineOf(lines, "Featurizer#featurize(java.io.File)");

    ProcessResult r =
        agent("check", broken.toString(), "--classpath", Artifacts.demoJar().toString());
    assertEquals(2, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(
        out.contains(
            broken
                + ":"
                + dropedLine
                + ": no parameter or local named 'droped'; nearest: dropped;"),
        out);
    assertTrue(
        out.contains(
            "component 'featurize' (line 53): CAPTURES NOTHING: no method matches its signatures"),
        out);
    assertTrue(
        out.contains(
            broken
                + ":"
                + featurizeLine
                + ": 'com.example.taxi.Featurizer#featurize(java.io.File)' matches no method;"
                + " nearest: com.example.taxi.Featurizer#featurize(java.nio.file.Path)"),
        out);
    assertTrue(
        out.contains(
            "+ expands to 3 class(es): com.example.taxi.PipelineOptions, com.example.taxi.TrainTestSplit,"
                + " com.example.taxi.TripRecord"),
        out);
    assertTrue(out.contains("9 component(s), 2 problem(s), 1 that would capture nothing"), out);
  }

  @Test
  void demoSuggestionsPassCheckUnchanged() throws Exception {
    ProcessResult suggested =
        agent(
            "suggest",
            "--classpath",
            Artifacts.demoJar().toString(),
            "--package",
            "com.example.taxi");
    assertEquals(0, suggested.exitCode(), suggested::toString);
    assertTrue(
        suggested
            .stdout()
            .contains(
                "    method: \"com.example.taxi.Cleaner#clean(java.nio.file.Path, java.nio.file.Path)\"\n"
                    + "    inputs: [rawCsv, cleanCsv]\n"),
        suggested.stdout());
    assertTrue(
        suggested.stdout().contains("reachable from com.example.taxi.TaxiPipeline#main"),
        suggested.stdout());
    Path yaml = Files.writeString(dir.resolve("demo-suggested.yaml"), suggested.stdout());
    ProcessResult checked =
        agent("check", yaml.toString(), "--classpath", Artifacts.demoJar().toString());
    assertEquals(0, checked.exitCode(), checked::toString);
    assertTrue(
        checked.stdout().contains(" 0 problem(s), 0 that would capture nothing"), checked.stdout());
  }

  @Test
  void xgboostYamlChecksCleanAgainstTheLibraryJar() throws Exception {
    ProcessResult r =
        agent(
            "check",
            Artifacts.configExample("xgboost4j.yaml").toString(),
            "--classpath",
            xgboostJar());
    assertEquals(0, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(out.contains("5 component(s), 0 problem(s), 0 that would capture nothing"), out);
    // type: model in the YAML overrides the guess from the class name (Booster says nothing of
    // models).
    assertTrue(
        out.contains(
            "output return  return value (ml.dmlc.xgboost4j.java.Booster), read at 1 of 1 exit(s)"),
        out);
    assertTrue(out.contains("=> in-memory pointer (model)"), out);
  }

  @Test
  void brokenXgboostYamlFindsTheWrongTypeTheMisspelledLocalAndBothBoosters() throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("xgb-broken.yaml"),
            """
        components:
          - name: predict
            method: "ml.dmlc.xgboost4j.java.Booster#predict(ml.dmlc.xgboost4j.java.DMatrix, int)"
            inputs: [this, data]
            outputs: [return]
          - name: kryo_write
            method: "com.esotericsoftware.kryo.KryoSerializable+#write(..)"
            inputs: [this]
          - name: checkpoint
            method: "ml.dmlc.xgboost4j.java.XGBoost#trainAndSaveCheckpoint(..)"
            inputs: [dtrain, params]
            outputs: [return, matz]
        """);
    ProcessResult r = agent("check", broken.toString(), "--classpath", xgboostJar());
    assertEquals(2, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(
        out.contains(
            "component 'predict' (line 2): CAPTURES NOTHING: no method matches its signatures"),
        out);
    assertTrue(
        out.contains(
            broken
                + ":3: 'ml.dmlc.xgboost4j.java.Booster#predict(ml.dmlc.xgboost4j.java.DMatrix, int)' matches no method;"),
        out);
    assertTrue(
        out.contains("ml.dmlc.xgboost4j.java.Booster#predict(ml.dmlc.xgboost4j.java.DMatrix)"),
        out);
    assertTrue(
        out.contains(
            "+ expands to 2 class(es): ml.dmlc.xgboost4j.java.Booster, ml.dmlc.xgboost4j.scala.Booster"),
        out);
    assertTrue(
        out.contains(broken + ":12: no parameter or local named 'matz'; nearest: mats;"), out);
    assertTrue(out.contains("3 component(s), 2 problem(s), 1 that would capture nothing"), out);
  }

  @Test
  void jsonReportOfTheBrokenTaxiYamlIsWellFormedAndSaysTheSame() throws Exception {
    String yaml =
        Files.readString(Artifacts.configExample("taxi.yaml"), StandardCharsets.UTF_8)
            .replace(
                "com.example.taxi.Featurizer#featurize(java.nio.file.Path)",
                "com.example.taxi.Featurizer#featurize(java.io.File)");
    Path broken = Files.writeString(dir.resolve("taxi-broken.yaml"), yaml);
    ProcessResult r =
        agent("check", broken.toString(), "--classpath", Artifacts.demoJar().toString(), "--json");
    assertEquals(2, r.exitCode(), r::toString);
    JsonNode report = new ObjectMapper().readTree(r.stdout());
    assertTrue(report.path("capturesNothing").asBoolean(), r.stdout());
    JsonNode featurize = report.path("components").get(2);
    assertEquals("featurize", featurize.path("name").asText());
    assertEquals("no method matches its signatures", featurize.path("capturesNothing").asText());
    assertEquals(
        "com.example.taxi.Featurizer#featurize(java.nio.file.Path)",
        featurize.path("signatures").get(0).path("nearest").get(0).asText());
    JsonNode clean =
        report.path("components").get(1).path("signatures").get(0).path("methods").get(0);
    JsonNode rawFares = clean.path("variables").get(4);
    assertEquals("rawFares", rawFares.path("name").asText());
    assertEquals("local", rawFares.path("source").asText());
    assertEquals(clean.path("exitLines"), rawFares.path("exitLinesRead"));
  }

  @Test
  void xgboostSuggestionsProposeTrainAndPredictAndPassCheck() throws Exception {
    ProcessResult suggested = agent("suggest", "--classpath", xgboostJar());
    assertEquals(0, suggested.exitCode(), suggested::toString);
    String yaml = suggested.stdout();
    // One proposal per method name: the overload with the most evidence, the others in its comment.
    assertTrue(
        yaml.contains(
            "also overloaded as train(DMatrix, Map, int, Map, float[][], IObjective, IEvaluation, int)"
                + " | train(DMatrix, Map, int, Map, IObjective, IEvaluation) (change the parameter types to trace another, or write (..) for all)\n"
                + "  - name: xgboost_train\n"
                + "    method: \"ml.dmlc.xgboost4j.java.XGBoost#train(ml.dmlc.xgboost4j.java.DMatrix, java.util.Map, int, java.util.Map, float[][],"
                + " ml.dmlc.xgboost4j.java.IObjective, ml.dmlc.xgboost4j.java.IEvaluation, int, ml.dmlc.xgboost4j.java.Booster)\"\n"
                + "    inputs: [dtrain, params, round, watches, metrics, obj, eval, earlyStoppingRounds, booster]\n    outputs: [return]\n"),
        yaml);
    assertTrue(yaml.contains("takes dataset ml.dmlc.xgboost4j.java.DMatrix dtrain"), yaml);
    assertTrue(yaml.contains("returns model ml.dmlc.xgboost4j.java.Booster"), yaml);
    assertTrue(
        yaml.contains(
            "    method: \"ml.dmlc.xgboost4j.java.Booster#predict(ml.dmlc.xgboost4j.java.DMatrix)\"\n"),
        yaml);
    assertTrue(
        yaml.contains(
            "  # score 5: takes path given as a String java.lang.String modelPath; returns model ml.dmlc.xgboost4j.java.Booster;"
                + " also overloaded as loadModel(byte[])"),
        yaml);
    assertEquals(1, yaml.split("ml.dmlc.xgboost4j.java.XGBoost#train\\(", -1).length - 1, yaml);
    Path file = Files.writeString(dir.resolve("xgb-suggested.yaml"), yaml);
    ProcessResult checked = agent("check", file.toString(), "--classpath", xgboostJar());
    assertEquals(0, checked.exitCode(), checked::toString);
    assertTrue(
        checked.stdout().contains("20 component(s), 0 problem(s), 0 that would capture nothing"),
        checked.stdout());
  }

  private static int lineOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in the YAML");
  }
}
