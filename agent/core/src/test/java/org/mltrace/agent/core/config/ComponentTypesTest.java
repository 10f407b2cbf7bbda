package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.TriggerDecl;

/** {@code component_types:}, {@code include:}, {@code extends:} and the built-in presets. */
class ComponentTypesTest {
  @TempDir Path dir;

  private static final String TYPES =
      String.join(
          "\n",
          "component_types:", // 1
          "  - name: nightly_features", // 2
          "    owner: data-eng", // 3
          "    tags: [nightly]", // 4
          "    stale_after: 2d", // 5
          "    before_run:", // 6
          "      - trigger: not_null", // 7
          "        variable: raw", // 8
          "    after_run:", // 9
          "      - trigger: psi", // 10
          "        variable: out", // 11
          "        reference: previous", // 12
          "      - trigger: outliers", // 13
          "        variable: out", // 14
          "");

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aComponentInheritsTheTypesSettingsAndItsOwnWin() throws Exception {
    Path types = write("lib/types.yaml", TYPES);
    Path pipeline =
        write(
            "pipeline.yaml",
            String.join(
                "\n",
                "include: lib/types.yaml", // 1
                "components:", // 2
                "  - name: featurize", // 3
                "    extends: nightly_features", // 4
                "    method: a.F#build(..)", // 5
                "    owner: ml-team", // 6
                "    inputs: [raw]", // 7
                "    outputs: [out]", // 8
                "    after_run:", // 9
                "      - trigger: psi", // 10
                "        variable: out", // 11
                "        reference: last:5", // 12
                "      - trigger: metric_threshold", // 13
                "        variable: out", // 14
                "        op: '>='", // 15
                "        value: 1", // 16
                ""));

    ComponentSpec c = ConfigLoader.load(pipeline).components().get(0);

    assertEquals("ml-team", c.owner(), "its own owner wins");
    assertEquals(List.of("nightly"), c.tags(), "the type's tags, which it does not set");
    assertEquals("2d", c.staleAfter());
    assertEquals(
        List.of(
            new TriggerDecl(
                "before_run", "not_null", false, Map.of("variable", "raw"), null, types + ":7"),
            new TriggerDecl(
                "after_run", "outliers", false, Map.of("variable", "out"), null, types + ":13"),
            new TriggerDecl(
                "after_run",
                "psi",
                false,
                Map.of("variable", "out", "reference", "last:5"),
                null,
                pipeline + ":10"),
            new TriggerDecl(
                "after_run",
                "metric_threshold",
                false,
                Map.of("variable", "out", "op", ">=", "value", "1"),
                null,
                pipeline + ":13")),
        c.triggers(),
        "the type's triggers first, except psi, which the component declares itself");
  }

  @Test
  void typesMayBeDefinedInThePipelineFileAndIncludesNest() throws Exception {
    write("lib/base.yaml", TYPES);
    write(
        "lib/more.yaml",
        "include: base.yaml\ncomponent_types:\n  - name: quiet\n    owner: nobody\n");
    Path pipeline =
        write(
            "p.yaml",
            String.join(
                "\n",
                "include: [lib/more.yaml]",
                "component_types:",
                "  - name: local",
                "    description: from here",
                "components:",
                "  - {name: a, method: a.B#c(), extends: local}",
                "  - {name: b, method: a.B#d(), extends: quiet}",
                "  - {name: c, method: a.B#e(), extends: nightly_features, inputs: [raw], outputs: [out]}",
                ""));
    List<ComponentSpec> cs = ConfigLoader.load(pipeline).components();
    assertEquals("from here", cs.get(0).description());
    assertEquals("nobody", cs.get(1).owner());
    assertEquals(3, cs.get(2).triggers().size());
  }

  @Test
  void aMissingIncludeNamesTheIncludingLine() throws Exception {
    Path pipeline =
        write(
            "p.yaml", "components:\n  - {name: a, method: a.B#c()}\ninclude:\n  - lib/nope.yaml\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(pipeline));
    assertEquals(
        pipeline
            + ":4: cannot read the included file 'lib/nope.yaml' ("
            + dir.resolve("lib/nope.yaml")
            + "): no such file; paths are relative to the including file",
        e.getMessage());
  }

  @Test
  void anUnknownTypeNamesTheNearest() throws Exception {
    write("types.yaml", TYPES);
    Path pipeline =
        write(
            "p.yaml",
            "include: types.yaml\ncomponents:\n  - name: a\n    method: a.B#c()\n    extends: nightly_feature\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(pipeline));
    assertEquals(
        pipeline
            + ":5: unknown component type 'nightly_feature'; nearest: nightly_features; known types are"
            + " [nightly_features, training, preprocessing, inference] (define types under 'component_types:' here or in a file"
            + " given to 'include:')",
        e.getMessage());
  }

  @Test
  void aProblemInATypeNamesTheTypesFileOnceAndAVariableProblemNamesTheComponent() throws Exception {
    Path types =
        write(
            "types.yaml",
            String.join(
                "\n",
                "component_types:",
                "  - name: t",
                "    after_run:",
                "      - trigger: psii", // 4
                "        variable: out",
                "      - trigger: not_null", // 6
                "        variable: out", // 7
                ""));
    Path pipeline =
        write(
            "p.yaml",
            String.join(
                "\n",
                "include: types.yaml",
                "components:",
                "  - {name: a, method: a.B#c(), extends: t, outputs: [result]}",
                "  - {name: b, method: a.B#d(), extends: t, outputs: [out]}",
                ""));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(pipeline));
    assertEquals(
        List.of(
            types
                + ":4: unknown trigger 'psii'; nearest: psi; built-in triggers are [not_null, range, schema, outliers,"
                + " row_count_change, psi, kl_divergence, ks, mean_shift, train_test_leakage, overfitting, metric_threshold, retracted_input] (a"
                + " plugin's trigger is declared with 'user: NAME')",
            types
                + ":7: 'variable: out' is not one of the component's outputs or inputs [result] (in component 'a', which"
                + " extends it)"),
        e.problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void typeDefinitionProblems() throws Exception {
    Path pipeline =
        write(
            "p.yaml",
            String.join(
                "\n",
                "component_types:",
                "  - name: training", // 2
                "  - name: x", // 3
                "    method: a.B#c()", // 4
                "  - name: y", // 5
                "  - name: y", // 6
                "components:",
                "  - {name: a, method: a.B#c()}",
                ""));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(pipeline));
    assertEquals(
        List.of(2, 4, 6), e.problems().stream().map(ConfigProblem::line).toList(), e.getMessage());
    assertEquals(
        "component type 'training' has the name of a built-in preset [training, preprocessing, inference]; choose another name",
        e.problems().get(0).message());
    assertEquals(
        "component type 'y' is defined twice (first at " + pipeline + ":5)",
        e.problems().get(2).message());
  }

  @Test
  void presetsTakeTheirVariablesFromPresetArgs() throws Exception {
    Path pipeline =
        write(
            "p.yaml",
            String.join(
                "\n",
                "components:", // 1
                "  - name: train", // 2
                "    method: a.T#fit(..)", // 3
                "    extends: training", // 4
                "    preset_args: {train_ids: trainIds, test_ids: testIds, train_metric: trainAcc, validation_metric: valAcc}", // 5
                "    inputs: [trainIds, testIds, features]", // 6
                "    outputs: [trainAcc, valAcc]", // 7
                "  - name: clean", // 8
                "    method: a.C#clean(..)", // 9
                "    extends: preprocessing", // 10
                "    preset_args: {input: raw, output: cleaned}", // 11
                "    inputs: [raw]", // 12
                "    outputs: [cleaned]", // 13
                "  - name: serve", // 14
                "    method: a.S#predict(..)", // 15
                "    extends: inference", // 16
                "    preset_args:", // 17
                "      features: features", // 18
                "      training_component: train", // 19
                "      metric: latencyMs", // 20
                "      op: '<='", // 21
                "      value: 50", // 22
                "    inputs: [features]", // 23
                "    outputs: [latencyMs]", // 24
                ""));
    AgentConfig config = ConfigLoader.load(pipeline);
    String at = pipeline + ":";
    assertEquals(
        List.of(
            new TriggerDecl(
                "before_run",
                "train_test_leakage",
                false,
                Map.of("variable", "trainIds", "other", "testIds"),
                null,
                at + 4),
            new TriggerDecl(
                "after_run",
                "overfitting",
                false,
                Map.of("train", "trainAcc", "validation", "valAcc"),
                null,
                at + 4)),
        config.components().get(0).triggers());
    assertEquals(
        List.of(
            new TriggerDecl(
                "before_run", "not_null", false, Map.of("variable", "raw"), null, at + 10),
            new TriggerDecl(
                "after_run", "outliers", false, Map.of("variable", "cleaned"), null, at + 10)),
        config.components().get(1).triggers());
    assertEquals(
        List.of(
            new TriggerDecl(
                "before_run",
                "psi",
                false,
                Map.of(
                    "variable",
                    "features",
                    "reference.component",
                    "train",
                    "reference.variable",
                    "features"),
                null,
                at + 16),
            new TriggerDecl(
                "after_run",
                "metric_threshold",
                false,
                Map.of("variable", "latencyMs", "op", "<=", "value", "50"),
                null,
                at + 16)),
        config.components().get(2).triggers());
    // The drift reference makes train sample its features, and leakage hashes its id lists.
    VariableSpec trainFeatures = config.components().get(0).inputVariables().get(2);
    assertEquals(true, trainFeatures.options().keepSample());
    assertEquals(true, config.components().get(0).inputVariables().get(0).options().keepHashes());
  }

  @Test
  void presetArgumentProblems() throws Exception {
    Path pipeline =
        write(
            "p.yaml",
            String.join(
                "\n",
                "components:",
                "  - name: clean", // 2
                "    method: a.C#clean(..)",
                "    extends: preprocessing", // 4
                "    preset_args: {input: raw, ouput: cleaned}", // 5
                "    inputs: [raw]",
                "  - name: other", // 7
                "    method: a.C#other(..)",
                "    extends: preprocessing", // 9
                "  - name: third",
                "    method: a.C#third(..)",
                "    preset_args: {input: raw}", // 12
                "  - name: fourth",
                "    method: a.C#fourth(..)",
                "    extends: preprocessing",
                "    preset_args: {input: nope, output: cleaned}", // 16
                "    inputs: [raw]",
                "    outputs: [cleaned]",
                ""));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(pipeline));
    assertEquals(
        List.of(
            pipeline
                + ":5: unknown preset argument 'ouput' for preset 'preprocessing' (did you mean 'output'?); expected [input,"
                + " output]",
            pipeline
                + ":5: preset 'preprocessing' needs [output] in 'preset_args:' (the component's variable names its"
                + " triggers check; see docs/config.md#component-types)",
            pipeline
                + ":9: preset 'preprocessing' needs 'preset_args:' giving [input, output] (the component's variable names"
                + " its triggers check; see docs/config.md#component-types)",
            pipeline
                + ":12: 'preset_args' needs 'extends:' naming a built-in preset [training, preprocessing, inference]",
            pipeline
                + ":16: 'variable: nope' is not one of the component's inputs [raw]; before_run"
                + " triggers see the inputs as captured at entry"),
        e.problems().stream().map(ConfigProblem::toString).toList());
  }
}
