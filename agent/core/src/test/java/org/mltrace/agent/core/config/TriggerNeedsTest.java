package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which variables the agent samples or hashes because a declared trigger needs them. */
class TriggerNeedsTest {
  private static final String YAML =
      String.join(
          "\n",
          "components:",
          "  - name: train",
          "    method: a.T#fit(..)",
          "    inputs: [features, labels, testIds, trainIds]",
          "    outputs: [return]",
          "    before_run:",
          "      - trigger: train_test_leakage",
          "        variable: trainIds",
          "        other: testIds",
          "  - name: serve",
          "    method: a.S#predict(..)",
          "    inputs: [features, requests]",
          "    outputs: [return, scores]",
          "    before_run:",
          "      - trigger: psi",
          "        variable: features",
          "        reference: {component: train}",
          "      - trigger: not_null",
          "        variable: requests",
          "    after_run:",
          "      - trigger: outliers",
          "        variable: scores",
          "      - trigger: mean_shift",
          "        variable: return",
          "        reference: previous",
          "");

  /** "name:SH" flags of every variable: S sample kept, H hashes kept, - nothing. */
  private static List<String> flags(ComponentSpec c) {
    return Stream.concat(c.inputVariables().stream(), c.outputVariables().stream())
        .map(
            v ->
                v.name()
                    + ":"
                    + (v.options().keepSample() ? "S" : "-")
                    + (v.options().keepHashes() ? "H" : "-"))
        .toList();
  }

  @Test
  void marksExactlyWhatTheTriggersNeed() throws Exception {
    AgentConfig config = ConfigLoader.parse("p.yaml", YAML);
    // train: leakage hashes both id lists; psi in serve references train's features (same name).
    assertEquals(
        List.of("features:S-", "labels:--", "testIds:-H", "trainIds:-H", "return:--"),
        flags(config.components().get(0)));
    // serve: psi samples its input; outliers its output; not_null and mean_shift need nothing more.
    assertEquals(
        List.of("features:S-", "requests:--", "return:--", "scores:S-"),
        flags(config.components().get(1)));
  }

  @Test
  void aUserTriggerAsksForWhatItNeeds() throws Exception {
    String yaml =
        String.join(
            "\n",
            "components:",
            "  - name: score",
            "    method: a.S#score(..)",
            "    inputs: [rows, ids]",
            "    outputs: [scores, other]",
            "    after_run:",
            "      - user: tip_rate_check",
            "        variable: scores",
            "        other: ids",
            "        needs: [sample, hashes]",
            "      - user: no_needs",
            "        variable: other",
            "");
    ComponentSpec c = ConfigLoader.parse("p.yaml", yaml).components().get(0);
    assertEquals(List.of("rows:--", "ids:SH", "scores:SH", "other:--"), flags(c));
    assertEquals(
        "sample,hashes",
        c.triggers().get(0).args().get("needs"),
        "passed on to the trigger as an argument");

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("p.yaml", yaml.replace("[sample, hashes]", "[samples]")));
    assertEquals(
        "p.yaml:10: 'needs' must list [sample, hashes] (what the agent keeps of the trigger's 'variable' and 'other'), not"
            + " 'samples' (did you mean 'sample'?)",
        e.getMessage());
  }

  @Test
  void aVariableThatMustBeSampledCannotBeCapturedAsAPointer() {
    String yaml =
        String.join(
            "\n",
            "components:",
            "  - name: serve",
            "    method: a.S#predict(..)",
            "    inputs:",
            "      - {name: features, capture: pointer}",
            "    before_run:",
            "      - trigger: ks",
            "        variable: features",
            "        reference: previous",
            "");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("p.yaml", yaml));
    assertEquals(
        "p.yaml:5: a trigger of component 'serve' needs the sampled values of input 'features', but it has 'capture: pointer';"
            + " remove it or use 'capture: summary'",
        e.getMessage());
  }
}
