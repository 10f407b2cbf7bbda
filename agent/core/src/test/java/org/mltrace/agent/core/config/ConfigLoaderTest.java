package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.capture.SampleSpec;

class ConfigLoaderTest {

  private static final String FULL =
      String.join(
          "\n",
          "queue: /var/mltrace/queue", // 1
          "max_string_length: 64", // 2
          "components:", // 3
          "  - name: clean", // 4
          "    description: Drop bad rows", // 5
          "    owner: data-eng", // 6
          "    tags: [taxi, nightly]", // 7
          "    method: \"com.acme.Cleaner#clean(java.nio.file.Path, int)\"", // 8
          "    inputs: [rawCsv, limit]", // 9
          "    outputs: [return, dropped]", // 10
          "  - name: train", // 11
          "    methods:", // 12
          "      - \"com.acme.Trainer+#fit(..)\"", // 13
          "      - \"com.acme.Trainer#<init>()\"", // 14
          "    inputs:", // 15
          "      - this", // 16
          "    outputs: [return]", // 17
          "");

  @Test
  void fullFileParsesToTheRightSpecs() throws Exception {
    AgentConfig config = ConfigLoader.parse("taxi.yaml", FULL);

    assertEquals("taxi.yaml", config.source());
    assertEquals("/var/mltrace/queue", config.queue());
    assertEquals(64, config.maxStringLength());
    assertEquals(2, config.components().size());

    ComponentSpec clean = config.components().get(0);
    assertEquals("clean", clean.name());
    assertEquals("Drop bad rows", clean.description());
    assertEquals("data-eng", clean.owner());
    assertEquals(List.of("taxi", "nightly"), clean.tags());
    assertEquals(List.of("rawCsv", "limit"), clean.inputs());
    assertEquals(List.of("return", "dropped"), clean.outputs());
    assertEquals(4, clean.line());
    assertEquals(1, clean.methods().size());
    MethodSignature cleanSig = clean.methods().get(0);
    assertEquals("com.acme.Cleaner#clean(java.nio.file.Path, int)", cleanSig.text());
    assertEquals(List.of("Ljava/nio/file/Path;", "I"), cleanSig.parameterDescriptors());
    assertEquals(8, cleanSig.line());

    ComponentSpec train = config.components().get(1);
    assertEquals("train", train.name());
    assertNull(train.description());
    assertNull(train.owner());
    assertEquals(List.of(), train.tags());
    assertEquals(List.of("this"), train.inputs());
    assertEquals(List.of("return"), train.outputs());
    assertEquals(11, train.line());
    assertEquals(2, train.methods().size());
    MethodSignature fit = train.methods().get(0);
    assertTrue(fit.includeSubtypes());
    assertNull(fit.parameterDescriptors());
    assertEquals(13, fit.line());
    MethodSignature init = train.methods().get(1);
    assertEquals("<init>", init.methodText());
    assertEquals(List.of(), init.parameterDescriptors());
    assertEquals(14, init.line());
  }

  @Test
  void defaultsApplyWhenOptionalTopKeysAreAbsent() throws Exception {
    AgentConfig config =
        ConfigLoader.parse("a.yaml", "components:\n  - name: a\n    method: a.B#c()\n");
    assertNull(config.queue());
    assertEquals(AgentConfig.DEFAULT_MAX_STRING_LENGTH, config.maxStringLength());
    assertEquals(List.of(), config.components().get(0).inputs());
  }

  @Test
  void unclosedListIsASyntaxErrorNamingWhereItOpened() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    inputs: [x, y", // 4: flow sequence never closed
            "    outputs: [z]", // 5
            "");
    ConfigProblem p = single(yaml);
    // The parser only notices on the next line; the message points back to where it opened.
    assertEquals(5, p.line(), p.toString());
    assertTrue(p.message().startsWith("YAML syntax error: expected ',' or ']'"), p.message());
    assertTrue(p.message().contains("flow sequence that starts on line 4"), p.message());
  }

  @Test
  void badIndentationIsASyntaxErrorOnItsLine() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "   outputs: [z]", // 4: one space short
            "");
    ConfigProblem p = single(yaml);
    assertTrue(p.message().startsWith("YAML syntax error"), p.message());
    assertEquals(4, p.line(), p.toString());
  }

  @Test
  void unknownTopLevelKeySuggestsTheNearest() {
    String yaml =
        String.join(
            "\n",
            "queu: /tmp/q", // 1
            "components:", // 2
            "  - name: a", // 3
            "    method: a.B#c()", // 4
            "");
    ConfigProblem p = single(yaml);
    assertEquals(1, p.line());
    assertTrue(p.message().contains("unknown key 'queu'"), p.message());
    assertTrue(p.message().contains("did you mean 'queue'?"), p.message());
    assertTrue(p.message().contains(ConfigLoader.TOP_KEYS.toString()), p.message());
  }

  @Test
  void unknownComponentKeySuggestsTheNearest() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    ouputs: [return]", // 4
            "");
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line());
    assertTrue(p.message().contains("unknown key 'ouputs' (did you mean 'outputs'?)"), p.message());
  }

  @Test
  void unknownKeyFarFromEveryKeyHasNoSuggestion() {
    String yaml = "components:\n  - name: a\n    method: a.B#c()\n    zzzzzzzzzzzzzz: 1\n";
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line());
    assertTrue(p.message().contains("unknown key 'zzzzzzzzzzzzzz'"), p.message());
    assertTrue(!p.message().contains("did you mean"), p.message());
  }

  @Test
  void missingNameIsReportedAtTheComponent() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "  - method: a.B#d()", // 4
            "    outputs: [return]", // 5
            "");
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line());
    assertTrue(p.message().contains("has no 'name:'"), p.message());
  }

  @Test
  void missingMethodNamesTheComponent() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: orphan", // 2
            "    outputs: [return]", // 3
            "");
    ConfigProblem p = single(yaml);
    assertEquals(2, p.line());
    assertTrue(p.message().contains("component 'orphan' has no 'method:'"), p.message());
  }

  @Test
  void methodAndMethodsTogetherAreRejected() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    methods: [a.B#d()]", // 4
            "");
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line());
    assertTrue(p.message().contains("either 'method:' or 'methods:', not both"), p.message());
  }

  @Test
  void malformedSignatureIsReportedOnItsLine() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: com.acme.Trainer.fit(int)", // 3
            "");
    ConfigProblem p = single(yaml);
    assertEquals(3, p.line());
    assertTrue(p.message().contains("has no '#'"), p.message());
  }

  @Test
  void malformedSignatureInAMethodsListIsReportedOnItsOwnLine() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    methods:", // 3
            "      - a.B#c()", // 4
            "      - a.B#d(String)", // 5
            "");
    ConfigProblem p = single(yaml);
    assertEquals(5, p.line(), p.toString());
    assertTrue(p.message().contains("java.lang.String instead of String"), p.message());
  }

  @Test
  void duplicateComponentNamesAreReportedAtTheSecond() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: train", // 2
            "    method: a.B#c()", // 3
            "  - name: train", // 4
            "    method: a.B#d()", // 5
            "");
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line());
    assertTrue(p.message().contains("'train' is used twice"), p.message());
  }

  @Test
  void duplicateKeyInAComponentIsReported() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    outputs: [return]", // 4
            "    outputs: [model]", // 5
            "");
    ConfigProblem p = single(yaml);
    assertEquals(5, p.line(), p.toString());
    assertTrue(p.message().contains("'outputs' appears twice"), p.message());
  }

  @Test
  void duplicateTopLevelKeyIsReportedRatherThanDroppingTheFirstList() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "components:", // 4
            "  - name: b", // 5
            "    method: a.B#d()", // 6
            "");
    ConfigProblem p = single(yaml);
    assertEquals(4, p.line(), p.toString());
    assertTrue(p.message().contains("'components' appears twice"), p.message());
  }

  @Test
  void nonListInputsAreRejected() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    inputs:", // 4
            "      path: x", // 5: a mapping, not a list
            "");
    ConfigProblem p = single(yaml);
    assertEquals(5, p.line());
    assertTrue(p.message().contains("'inputs' must be a list like [a, b]"), p.message());
  }

  @Test
  void aSingleScalarInputIsAOneItemList() throws Exception {
    AgentConfig config =
        ConfigLoader.parse(
            "a.yaml", "components:\n  - name: a\n    method: a.B#c()\n    inputs: path\n");
    assertEquals(List.of("path"), config.components().get(0).inputs());
  }

  @Test
  void aBadVariableNameInABlockListIsReportedOnItsOwnLine() {
    String yaml =
        String.join(
            "\n",
            "components:", // 1
            "  - name: a", // 2
            "    method: a.B#c()", // 3
            "    outputs:", // 4
            "      - return", // 5
            "      - model..path", // 6
            "");
    ConfigProblem p = single(yaml);
    assertEquals(6, p.line(), p.toString());
    assertTrue(
        p.message().contains("'model..path' in 'outputs' is not a variable name"), p.message());
    assertTrue(p.message().contains("optionally followed by field names"), p.message());
  }

  @Test
  void fieldPathsAreVariables() throws Exception {
    AgentConfig config =
        ConfigLoader.parse(
            "a.yaml",
            String.join(
                "\n",
                "components:",
                "  - name: a",
                "    method: a.B#c()",
                "    inputs: [this.model, arg0.metrics.accuracy]",
                "    outputs: [return.weights, {name: result.metrics, capture: pointer}]",
                ""));
    assertEquals(
        List.of("this.model", "arg0.metrics.accuracy"), config.components().get(0).inputs());
    assertEquals(List.of("return.weights", "result.metrics"), config.components().get(0).outputs());
  }

  @Test
  void sampleIsAFractionOrAMaximumRate() throws Exception {
    AgentConfig config =
        ConfigLoader.parse(
            "a.yaml",
            String.join(
                "\n",
                "components:",
                "  - {name: a, method: a.B#c(), sample: 0.01}",
                "  - {name: b, method: a.B#d(), sample: {max_per_second: 1_000}}",
                "  - {name: c, method: a.B#e()}",
                ""));
    assertEquals(SampleSpec.fraction(0.01), config.components().get(0).sample());
    assertEquals(SampleSpec.maxPerSecond(1000), config.components().get(1).sample());
    assertNull(config.components().get(2).sample());
  }

  @Test
  void aBadSampleIsReportedOnItsLine() {
    ConfigProblem zero = single("components:\n  - name: a\n    method: a.B#c()\n    sample: 0\n");
    assertEquals(4, zero.line());
    assertTrue(
        zero.message()
            .contains(
                "'sample' must be a fraction of calls to record (0.01) or {max_per_second: N}"),
        zero.message());
    ConfigProblem key =
        single("components:\n  - name: a\n    method: a.B#c()\n    sample: {max_per_secnd: 5}\n");
    assertTrue(key.message().contains("did you mean 'max_per_second'"), key.message());
    ConfigProblem rate =
        single("components:\n  - name: a\n    method: a.B#c()\n    sample: {max_per_second: -1}\n");
    assertTrue(
        rate.message().contains("'max_per_second' must be a positive whole number"),
        rate.message());
  }

  @Test
  void maxQueueMbDefaultsToAGibibyteAndMustBePositive() throws Exception {
    assertEquals(
        1024,
        ConfigLoader.parse("a.yaml", "components:\n  - {name: a, method: a.B#c()}\n").maxQueueMb());
    assertEquals(
        5,
        ConfigLoader.parse(
                "a.yaml", "max_queue_mb: 5\ncomponents:\n  - {name: a, method: a.B#c()}\n")
            .maxQueueMb());
    ConfigProblem p = single("max_queue_mb: 0\ncomponents:\n  - {name: a, method: a.B#c()}\n");
    assertEquals(1, p.line());
    assertTrue(p.message().contains("'max_queue_mb' must be a positive whole number"), p.message());
  }

  @Test
  void thisOrReturnAfterADotIsRejected() {
    ConfigProblem p =
        single("components:\n  - name: a\n    method: a.B#c()\n    outputs: [model.this.x]\n");
    assertEquals(4, p.line());
    assertTrue(
        p.message().contains("'this' and 'return' can only start a field path"), p.message());
  }

  @Test
  void nonPositiveMaxStringLengthIsRejected() {
    ConfigProblem p =
        single("max_string_length: 0\ncomponents:\n  - name: a\n    method: a.B#c()\n");
    assertEquals(1, p.line());
    assertTrue(p.message().contains("must be a positive whole number, not '0'"), p.message());
  }

  @Test
  void missingComponentsAndEmptyFileAreExplained() {
    ConfigProblem noComponents = single("queue: /tmp/q\n");
    assertTrue(noComponents.message().contains("missing 'components:'"), noComponents.message());
    ConfigProblem empty = single("");
    assertTrue(empty.message().contains("the file is empty"), empty.message());
  }

  @Test
  void everyProblemInAFileIsReported() {
    String yaml =
        String.join(
            "\n",
            "queu: /tmp/q", // 1
            "components:", // 2
            "  - name: a", // 3
            "    method: a.B.c()", // 4
            "    ouputs: [return]", // 5
            "  - method: a.B#d()", // 6
            "  - name: b", // 7
            "    method: a.B#e()", // 8
            "  - name: b", // 9
            "    method: a.B#f()", // 10
            "  - name: c", // 11
            "    method: a.B#g()", // 12
            "    inputs: {x: 1}", // 13
            "");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("p.yaml", yaml));
    List<Integer> lines = e.problems().stream().map(ConfigProblem::line).sorted().toList();
    assertEquals(List.of(1, 4, 5, 6, 9, 13), lines, e.getMessage());
    assertEquals(e.problems().size(), e.getMessage().split("\n").length);
    assertTrue(e.getMessage().contains("p.yaml:5: unknown key 'ouputs'"), e.getMessage());
  }

  @Test
  void loadNamesTheFileAndReadsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, "components:\n  - name: a\n    method: a.B#c()\n    ouputs: [x]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertTrue(e.getMessage().startsWith(file + ":4: unknown key 'ouputs'"), e.getMessage());

    ConfigException missing =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
    assertTrue(missing.getMessage().contains("cannot read the file"), missing.getMessage());
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
