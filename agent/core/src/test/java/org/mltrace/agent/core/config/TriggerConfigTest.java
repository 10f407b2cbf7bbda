package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.TriggerDecl;

/** {@code before_run:}, {@code after_run:} and {@code stale_after:} in the YAML. */
class TriggerConfigTest {

  private static String component(String... lines) {
    return String.join(
        "\n",
        "components:", // 1
        "  - name: featurize", // 2
        "    method: a.B#c(..)", // 3
        "    inputs: [rawFares, trips]", // 4
        "    outputs: [return, fares]", // 5
        String.join("\n", lines), // 6...
        "");
  }

  @Test
  void readsBothPhasesWithFlattenedArgumentsAndSources() throws Exception {
    String yaml =
        component(
            "    stale_after: 12h", // 6
            "    before_run:", // 7
            "      - trigger: not_null", // 8
            "        variable: rawFares", // 9
            "        max_fraction: 0.05", // 10
            "    after_run:", // 11
            "      - trigger: psi", // 12
            "        variable: fares", // 13
            "        reference: {component: train, variable: trainFares}", // 14
            "        alert: true", // 15
            "      - user: tip_rate_check", // 16
            "        columns: [a, b]", // 17
            "        nested: {deep: {x: 1}}", // 18
            "      - trigger: train_test_leakage", // 19
            "        variable: trips", // 20
            "        other: fares", // 21
            "        alert: false"); // 22

    ComponentSpec c = ConfigLoader.parse("taxi.yaml", yaml).components().get(0);

    assertEquals("12h", c.staleAfter());
    assertEquals(
        List.of(
            new TriggerDecl(
                "before_run",
                "not_null",
                false,
                Map.of("variable", "rawFares", "max_fraction", "0.05"),
                null,
                "taxi.yaml:8"),
            new TriggerDecl(
                "after_run",
                "psi",
                false,
                Map.of(
                    "variable",
                    "fares",
                    "reference.component",
                    "train",
                    "reference.variable",
                    "trainFares"),
                true,
                "taxi.yaml:12"),
            new TriggerDecl(
                "after_run",
                "tip_rate_check",
                true,
                Map.of("columns", "a,b", "nested.deep.x", "1"),
                null,
                "taxi.yaml:16"),
            new TriggerDecl(
                "after_run",
                "train_test_leakage",
                false,
                Map.of("variable", "trips", "other", "fares"),
                false,
                "taxi.yaml:19")),
        c.triggers());
  }

  @Test
  void withoutDeclarationsThereAreNoTriggersAndTheDefaultStaleness() throws Exception {
    ComponentSpec c = ConfigLoader.parse("taxi.yaml", component()).components().get(0);
    assertEquals(List.of(), c.triggers());
    assertNull(c.staleAfter());
  }

  @Test
  void unknownTriggerNamesTheNearestOnes() {
    ConfigProblem p =
        single(
            component(
                "    after_run:",
                "      - trigger: psii",
                "        variable: fares",
                "        reference: previous"));
    assertEquals(7, p.line());
    assertEquals(
        "unknown trigger 'psii'; nearest: psi; built-in triggers are [not_null, range, schema, outliers, row_count_change,"
            + " psi, kl_divergence, ks, mean_shift, train_test_leakage, overfitting, metric_threshold, retracted_input] (a plugin's trigger is"
            + " declared with 'user: NAME')",
        p.message());
  }

  @Test
  void missingRequiredArgumentNamesTheEntry() {
    ConfigProblem p =
        single(component("    after_run:", "      - trigger: psi", "        variable: fares"));
    assertEquals(7, p.line());
    assertEquals(
        "trigger 'psi' needs 'reference:' (previous, last:N, run:RUN_ID or {component: C, variable: V})",
        p.message());
  }

  @Test
  void unknownArgumentSuggestsTheNearest() {
    ConfigProblem p =
        single(
            component(
                "    after_run:",
                "      - trigger: psi",
                "        variable: fares",
                "        reference: previous",
                "        treshold: 0.3"));
    assertEquals(10, p.line());
    assertEquals(
        "unknown argument 'treshold' for trigger 'psi' (did you mean 'threshold'?); expected [variable, reference, threshold, bins]",
        p.message());
  }

  @Test
  void aBadValueIsReportedOnItsOwnLine() {
    ConfigProblem p =
        single(
            component(
                "    after_run:",
                "      - trigger: metric_threshold",
                "        variable: fares",
                "        op: '=>'",
                "        value: 0.9"));
    assertEquals(9, p.line());
    assertEquals(
        "'op' of trigger 'metric_threshold' must be one of [>=, >, <=, <, ==], not '=>'",
        p.message());
  }

  @Test
  void beforeRunSeesOnlyInputs() {
    ConfigProblem p =
        single(
            component("    before_run:", "      - trigger: not_null", "        variable: fares"));
    assertEquals(8, p.line());
    assertEquals(
        "'variable: fares' is not one of the component's inputs [rawFares, trips] (did you mean 'rawFares'?); before_run"
            + " triggers see the inputs as"
            + " captured at entry",
        p.message());
  }

  @Test
  void afterRunSeesOutputsAndInputs() throws Exception {
    ConfigLoader.parse(
        "t.yaml",
        component("    after_run:", "      - trigger: not_null", "        variable: rawFares"));
    ConfigProblem p =
        single(component("    after_run:", "      - trigger: not_null", "        variable: fars"));
    assertEquals(8, p.line());
    assertEquals(
        "'variable: fars' is not one of the component's outputs or inputs [return, fares, rawFares, trips] (did you mean 'fares'?)",
        p.message());
  }

  @Test
  void everyVariableArgumentIsChecked() {
    ConfigProblem p =
        single(
            component(
                "    after_run:",
                "      - trigger: overfitting",
                "        train: fares",
                "        validation: valAcc"));
    assertEquals(9, p.line());
    assertEquals(
        "'validation: valAcc' is not one of the component's outputs or inputs [return, fares, rawFares, trips]",
        p.message());
  }

  @Test
  void aUserTriggersVariableIsCheckedButNotItsOtherArguments() throws Exception {
    ConfigLoader.parse(
        "t.yaml", component("    after_run:", "      - user: mine", "        anything: 1"));
    ConfigProblem p =
        single(component("    after_run:", "      - user: mine", "        variable: nope"));
    assertEquals(8, p.line());
  }

  @Test
  void entryShapeProblems() {
    assertEquals(
        "a trigger entry needs 'trigger: NAME' (one of [not_null, range, schema, outliers, row_count_change, psi,"
            + " kl_divergence, ks, mean_shift, train_test_leakage, overfitting, metric_threshold, retracted_input]) or 'user: NAME'",
        single(component("    after_run:", "      - variable: fares")).message());
    assertEquals(
        "give either 'trigger:' (built-in) or 'user:' (a plugin), not both",
        single(
                component(
                    "    after_run:",
                    "      - trigger: ks",
                    "        user: mine",
                    "        variable: fares",
                    "        reference: previous"))
            .message());
    ConfigProblem alert =
        single(
            component(
                "    after_run:",
                "      - trigger: not_null",
                "        variable: fares",
                "        alert: yes please"));
    assertEquals(9, alert.line());
    assertEquals("'alert' must be true or false, not 'yes please'", alert.message());
    ConfigProblem notList = single(component("    after_run: not_null"));
    assertEquals(6, notList.line());
    assertEquals(
        "'after_run' must be a list of triggers, each like '- trigger: not_null' with its arguments",
        notList.message());
  }

  @Test
  void staleAfterMustBeADuration() {
    ConfigProblem p = single(component("    stale_after: 30 days"));
    assertEquals(6, p.line());
    assertEquals(
        "'stale_after' must be a positive whole number followed by s, m, h or d (30d, 12h, 90m), not '30 days'",
        p.message());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "p.yaml",
                    component(
                        "    before_run:", // 6
                        "      - trigger: nul_null", // 7
                        "        variable: rawFares", // 8
                        "    after_run:", // 9
                        "      - trigger: ks", // 10
                        "        variable: nope", // 11
                        "        reference: last:x"))); // 12
    assertEquals(
        List.of(7, 11, 12),
        e.problems().stream().map(ConfigProblem::line).sorted().toList(),
        e.getMessage());
  }

  private static ConfigProblem single(String yaml) {
    try {
      ConfigLoader.parse("test.yaml", yaml);
    } catch (ConfigException e) {
      assertEquals(1, e.problems().size(), "expected exactly one problem, got:\n" + e.getMessage());
      ConfigProblem p = e.problems().get(0);
      assertEquals("test.yaml", p.file());
      return p;
    }
    return fail("expected a ConfigException for:\n" + yaml);
  }
}
