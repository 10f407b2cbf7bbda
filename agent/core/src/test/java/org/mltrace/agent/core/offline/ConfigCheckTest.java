package org.mltrace.agent.core.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.capture.ExpectedCapture;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.core.weaving.PlanPreview;

class ConfigCheckTest {
  private static ClassPathIndex index;

  @BeforeAll
  static void open() throws Exception {
    index = ClassPathIndex.open(TestClassPath.directory());
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  private static CheckResult.Component check(String component) throws Exception {
    CheckResult result =
        new ConfigCheck(index).check(ConfigLoader.parse("test.yaml", "components:\n" + component));
    return result.components().get(0);
  }

  @Test
  void plusExpandsToEveryImplementationOnTheClassPath() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: stages
            method: "org.mltrace.fixtures.offline.Stage+#run(java.nio.file.Path)"
            inputs: [input]
            outputs: [return]
        """);
    CheckResult.Signature s = c.signatures().get(0);
    assertEquals(
        List.of(
            "org.mltrace.fixtures.offline.CleanStage", "org.mltrace.fixtures.offline.ScoreStage"),
        s.subtypes());
    // The abstract Stage#run is never woven, so it is not among the methods.
    assertEquals(
        List.of(
            "org.mltrace.fixtures.offline.CleanStage", "org.mltrace.fixtures.offline.ScoreStage"),
        s.methods().stream().map(CheckResult.Method::owner).toList());
    assertNull(c.capturesNothing());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void misspelledLocalIsReportedAtItsLineWithTheNearestName() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: clean
            method: "org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)"
            inputs: [input]
            outputs: [return, dropepd]
        """);
    assertEquals(1, c.problems().size(), c.problems().toString());
    CheckResult.Problem p = c.problems().get(0);
    assertEquals(5, p.line());
    assertTrue(p.message().contains("no parameter or local named 'dropepd'"), p.message());
    assertTrue(p.message().contains("nearest: dropped"), p.message());
    // The other variables still capture, so the component is not "captures nothing".
    assertNull(c.capturesNothing());
  }

  @Test
  void wrongParameterTypeMatchesNothingAndNamesTheRealSignature() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: clean
            method: "org.mltrace.fixtures.offline.CleanStage#run(java.io.File)"
            inputs: [input]
        """);
    assertEquals("no method matches its signatures", c.capturesNothing());
    assertEquals(3, c.problems().get(0).line());
    assertTrue(
        c.problems()
            .get(0)
            .message()
            .contains("nearest: org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)"),
        c.problems().get(0).message());
  }

  @Test
  void localIsReadOnlyAtTheExitsWhereItIsAssigned() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: fit
            method: "org.mltrace.fixtures.offline.Trainer#fit(double[], int)"
            inputs: [labels, epochs]
            outputs: [return, loss, weights, return.weights]
        """);
    CheckResult.Method m = c.signatures().get(0).methods().get(0);
    assertEquals(2, m.exitLines().size());
    PlanPreview.Variable loss = variable(m, "loss").preview();
    assertEquals(PlanPreview.Source.LOCAL, loss.source());
    assertEquals(List.of(m.exitLines().get(1)), loss.exitLinesRead());
    assertEquals(2, variable(m, "weights").preview().exitLinesRead().size());
    assertTrue(variable(m, "labels").preview().atEntry());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void captureKindFollowsTheDeclaredTypeAndFieldPaths() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: fit
            method: "org.mltrace.fixtures.offline.Trainer#fit(double[], int)"
            inputs: [labels, epochs]
            outputs: [return, return.weights, return.bias]
        """);
    CheckResult.Method m = c.signatures().get(0).methods().get(0);
    assertTrue(
        variable(m, "labels").capture().startsWith(ExpectedCapture.SUMMARY),
        variable(m, "labels").capture());
    assertEquals(ExpectedCapture.VALUE, variable(m, "epochs").capture());
    assertEquals(ExpectedCapture.MEMORY_POINTER + " (model)", variable(m, "return").capture());
    assertTrue(variable(m, "return.weights").capture().startsWith(ExpectedCapture.SUMMARY));
    CheckResult.Variable bias = variable(m, "return.bias");
    assertEquals(ExpectedCapture.AT_RUN_TIME, bias.capture());
    assertTrue(bias.fieldNote().contains("declares no field 'bias'"), bias.fieldNote());
  }

  @Test
  void aComponentWhoseVariablesAllMissCapturesNothing() throws Exception {
    CheckResult.Component c =
        check(
            """
          - name: score
            method: "org.mltrace.fixtures.offline.ScoreStage#run(java.nio.file.Path)"
            outputs: [result]
        """);
    assertNotNull(c.capturesNothing());
    assertTrue(c.problems().get(0).message().contains("nearest: return"), c.problems().toString());
  }

  private static CheckResult.Variable variable(CheckResult.Method m, String name) {
    return m.variables().stream()
        .filter(v -> v.preview().variable().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
