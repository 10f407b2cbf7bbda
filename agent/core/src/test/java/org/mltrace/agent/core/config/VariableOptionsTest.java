package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.capture.CaptureMode;
import org.mltrace.agent.core.capture.CaptureOptions;

/** Per-variable options ({@code {name: X, capture: ...}}) and the global defaults they inherit. */
class VariableOptionsTest {

  private static final String OPTIONS =
      String.join(
          "\n",
          "max_string_length: 64", // 1
          "sample_cap: 512", // 2
          "fingerprint_max_bytes: 1_048_576", // 3
          "redact: ['*password*', 'api?key']", // 4
          "components:", // 5
          "  - name: train", // 6
          "    method: \"com.acme.Trainer#fit(..)\"", // 7
          "    inputs:", // 8
          "      - featuresPath", // 9
          "      - {name: weights, type: model, capture: summary, sample_cap: 100}", // 10
          "      - name: dbPassword", // 11
          "      - {name: note, capture: value, max_length: 8}", // 12
          "      - {name: apiKey, redact: false}", // 13
          "      - {name: debug, capture: none}", // 14
          "      - {name: token, redact: true}", // 15
          "    outputs: [return, {name: accuracy, type: metric}]", // 16
          "");

  @Test
  void optionsAndGlobalDefaultsAreResolvedPerVariable() throws Exception {
    AgentConfig config = ConfigLoader.parse("opts.yaml", OPTIONS);
    assertEquals(512, config.sampleCap());
    assertEquals(1_048_576, config.fingerprintMaxBytes());
    assertEquals(List.of("*password*", "api?key"), config.redactPatterns());

    ComponentSpec train = config.components().get(0);
    assertEquals(
        List.of("featuresPath", "weights", "dbPassword", "note", "apiKey", "debug", "token"),
        train.inputs());
    assertEquals(List.of("return", "accuracy"), train.outputs());

    List<VariableSpec> in = train.inputVariables();
    assertEquals(new CaptureOptions(null, CaptureMode.AUTO, false, 64, 512), in.get(0).options());
    assertEquals(9, in.get(0).line());
    assertEquals(
        new CaptureOptions("model", CaptureMode.SUMMARY, false, 64, 100), in.get(1).options());
    assertTrue(in.get(2).options().redact(), "matches *password*, case-insensitive");
    assertEquals(new CaptureOptions(null, CaptureMode.VALUE, false, 8, 512), in.get(3).options());
    assertFalse(in.get(4).options().redact(), "an explicit redact: false wins over the pattern");
    assertEquals(CaptureMode.NONE, in.get(5).options().mode());
    assertTrue(in.get(6).options().redact());
    assertEquals("metric", train.outputVariables().get(1).options().type());
    assertNull(train.outputVariables().get(0).options().type());
  }

  @Test
  void snapshotIsAVariableOptionThatDefaultsToFalse() throws Exception {
    AgentConfig config =
        ConfigLoader.parse(
            "s.yaml", component("      - x\n    outputs: [{name: return, snapshot: true}, y]"));
    ComponentSpec c = config.components().get(0);
    assertTrue(c.outputVariables().get(0).options().snapshot());
    assertFalse(c.outputVariables().get(1).options().snapshot());
    assertFalse(c.inputVariables().get(0).options().snapshot());

    ConfigProblem bad = single(component("      - {name: w, snapshot: always}"));
    assertEquals(5, bad.line());
    assertTrue(bad.message().contains("'snapshot' must be one of [true, false]"), bad.message());
  }

  @Test
  void defaultsWithoutOptions() throws Exception {
    AgentConfig config =
        ConfigLoader.parse(
            "d.yaml", "components:\n  - name: a\n    method: a.B#c()\n    inputs: [x]\n");
    assertEquals(AgentConfig.DEFAULT_SAMPLE_CAP, config.sampleCap());
    assertEquals(64L * 1024 * 1024, config.fingerprintMaxBytes());
    assertEquals(
        CaptureOptions.DEFAULTS, config.components().get(0).inputVariables().get(0).options());
  }

  @Test
  void unknownOptionKeySuggestsTheNearestOnItsLine() {
    ConfigProblem p = single(component("      - {name: w, sampel_cap: 10}"));
    assertEquals(5, p.line());
    assertTrue(
        p.message().contains("unknown key 'sampel_cap' (did you mean 'sample_cap'?)"), p.message());
    assertTrue(
        p.message().contains("[name, type, capture, redact, max_length, sample_cap, snapshot]"),
        p.message());
  }

  @Test
  void badEnumValuesListTheAllowedOnes() {
    ConfigProblem capture = single(component("      - {name: w, capture: summarize}"));
    assertEquals(5, capture.line());
    assertTrue(
        capture
            .message()
            .contains("'capture' must be one of [value, summary, pointer, none], not 'summarize'"),
        capture.message());
    assertTrue(capture.message().contains("did you mean 'summary'"), capture.message());

    ConfigProblem type = single(component("      - name: w\n        type: dataset"));
    assertEquals(6, type.line());
    assertTrue(
        type.message()
            .contains("'type' must be one of [data, model, endpoint, metric], not 'dataset'"),
        type.message());

    ConfigProblem redact = single(component("      - {name: w, redact: yes please}"));
    assertTrue(
        redact.message().contains("'redact' must be one of [true, false]"), redact.message());
  }

  @Test
  void badNumbersAndMissingNamesAreReportedOnTheirLines() {
    ConfigProblem cap = single(component("      - x\n      - {name: w, sample_cap: 0}"));
    assertEquals(6, cap.line());
    assertTrue(
        cap.message()
            .contains("'sample_cap' must be a positive whole number up to 1048576, not '0'"),
        cap.message());

    ConfigProblem noName = single(component("      - {capture: pointer}"));
    assertEquals(5, noName.line());
    assertTrue(noName.message().contains("needs 'name:'"), noName.message());

    ConfigProblem badName = single(component("      - {name: a.b-c}"));
    assertTrue(
        badName.message().contains("'a.b-c' in 'inputs' is not a variable name"),
        badName.message());

    ConfigProblem bytes = single("fingerprint_max_bytes: lots\n" + component("      - x"));
    assertEquals(1, bytes.line());
    assertTrue(
        bytes.message().contains("'fingerprint_max_bytes' must be a whole number of bytes"),
        bytes.message());
  }

  @Test
  void everyOptionProblemIsReported() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "t.yaml",
                    component("      - {name: w, capture: all}\n      - {name: v, tpye: model}")));
    assertEquals(List.of(5, 6), e.problems().stream().map(ConfigProblem::line).toList());
  }

  private static String component(String inputs) {
    return "components:\n  - name: a\n    method: a.B#c()\n    inputs:\n" + inputs + "\n";
  }

  private static ConfigProblem single(String yaml) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml));
    assertEquals(1, e.problems().size(), "expected exactly one problem, got:\n" + e.getMessage());
    return e.problems().get(0);
  }
}
