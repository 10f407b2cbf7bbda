package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.TaskEvent;

/** The YAML's {@code tasks:}: what they read, what they make the agent capture, their errors. */
class TaskConfigTest {
  private static final String COMPONENTS =
      String.join(
          "\n",
          "components:",
          "  - name: predict",
          "    method: a.P#predict(..)",
          "    inputs: [tripIds, model]",
          "    outputs: [scores, return]",
          "  - name: feedback",
          "    method: a.F#record(java.lang.String, boolean)",
          "    inputs: [tripId, tipped]",
          "");

  private static AgentConfig parse(String tasks) throws ConfigException {
    return ConfigLoader.parse("p.yaml", COMPONENTS + tasks);
  }

  private static String error(String tasks) {
    return assertThrows(ConfigException.class, () -> parse(tasks)).getMessage();
  }

  @Test
  void aTaskReadsPredictionFeedbackWindowAndSlas() throws Exception {
    AgentConfig config =
        parse(
            String.join(
                "\n",
                "tasks:",
                "  - name: tips",
                "    prediction: {component: predict, id: tripIds, value: scores, kind: score, threshold: 0.4}",
                "    feedback: {component: feedback, id: tripId, label: tipped}",
                "    window: 7d",
                "    max_pairs: 5000",
                "    sla:",
                "      - recall >= 0.9",
                "      - {check: 'auc > 0.7', alert: false}",
                ""));
    TaskEvent t = config.tasks().get(0);
    assertEquals(
        List.of("p.yaml:16", "p.yaml:17"), t.slas().stream().map(TaskEvent.Sla::source).toList());
    assertEquals(
        new TaskEvent(
            "tips",
            "score",
            0.4,
            "predict",
            "tripIds",
            "scores",
            "feedback",
            "tripId",
            "tipped",
            7 * 86_400,
            0,
            5000,
            List.of(
                new TaskEvent.Sla("recall", ">=", 0.9, true, "p.yaml:16"),
                new TaskEvent.Sla("auc", ">", 0.7, false, "p.yaml:17")),
            "p.yaml:10"),
        t);
  }

  @Test
  void theTaskVariablesAndOnlyThoseCarryTexts() throws Exception {
    AgentConfig config =
        parse(
            String.join(
                "\n",
                "tasks:",
                "  - name: tips",
                "    prediction: {component: predict, id: tripIds, value: scores, kind: binary}",
                "    feedback: {component: feedback, id: tripId, label: tipped}",
                "    max_pairs: 5000",
                ""));
    ComponentSpec predict = config.components().get(0);
    assertTrue(predict.inputVariables().get(0).options().keepTexts());
    assertEquals(5000, predict.inputVariables().get(0).options().sampleCap());
    assertFalse(predict.inputVariables().get(1).options().keepTexts());
    assertTrue(predict.outputVariables().get(0).options().keepTexts());
    assertFalse(predict.outputVariables().get(1).options().keepTexts());
    assertTrue(config.components().get(1).inputVariables().get(1).options().keepTexts());
    TaskEvent t = config.tasks().get(0);
    assertEquals(7 * 86_400, t.windowSeconds(), "the default window");
    assertTrue(Double.isNaN(t.threshold()));
  }

  @Test
  void oneMapNamedAsBothIdAndValueCarriesTexts() throws Exception {
    AgentConfig config =
        parse(
            String.join(
                "\n",
                "tasks:",
                "  - name: tips",
                "    prediction: {component: predict, id: scores, value: scores, kind: score}",
                "    feedback: file",
                ""));
    TaskEvent t = config.tasks().get(0);
    assertEquals("scores", t.predictionId());
    assertEquals("scores", t.predictionValue());
    assertTrue(config.components().get(0).outputVariables().get(0).options().keepTexts());
  }

  @Test
  void fileFeedbackAndALastNWindow() throws Exception {
    TaskEvent t =
        parse(
                String.join(
                    "\n",
                    "tasks:",
                    "  - name: price",
                    "    prediction: {component: predict, id: tripIds, value: scores, kind: regression}",
                    "    feedback: file",
                    "    window: {last: 100}",
                    "    sla: mae <= 2.5",
                    ""))
            .tasks()
            .get(0);
    assertNull(t.feedbackComponent());
    assertEquals(100, t.windowLast());
    assertEquals(0, t.windowSeconds());
    assertEquals("mae <= 2.5", t.slas().get(0).toString());
  }

  @Test
  void mistakesNameTheirLineAndTheNearestNames() {
    String e =
        error(
            String.join(
                "\n",
                "tasks:",
                "  - name: tips",
                "    prediction: {component: predcit, id: tripIds, value: scores, kind: score}",
                "    feedback: {component: feedback, id: tripid, label: tipped}",
                "    windw: 7d",
                "    sla: [recal >= 0.9, mae < 1, 'f1 >= high']",
                "  - name: other",
                "    prediction: {component: predict, id: tripIds, value: scores, kind: scores, threshold: 2}",
                "    feedback: database",
                "    window: {last: 0}",
                ""));
    assertTrue(
        e.contains(
            "p.yaml:11: unknown component 'predcit' in 'prediction' (did you mean 'predict'?)"),
        e);
    assertTrue(
        e.contains(
            "p.yaml:12: 'tripid' in 'feedback' is not an output or input of component 'feedback' (did you mean 'tripId'?)"),
        e);
    assertTrue(e.contains("p.yaml:13: unknown key 'windw' (did you mean 'window'?)"), e);
    assertTrue(
        e.contains(
            "p.yaml:14: SLA metric 'recal' is not computed for 'kind: score' (did you mean 'recall'?)"),
        e);
    assertTrue(e.contains("p.yaml:14: SLA metric 'mae' is not computed for 'kind: score'"), e);
    assertTrue(e.contains("p.yaml:14: SLA 'f1 >= high': 'high' is not a number"), e);
    assertTrue(
        e.contains(
            "p.yaml:16: 'kind' must be one of [binary, score, regression], not 'scores' (did you mean 'score'?)"),
        e);
    assertTrue(e.contains("p.yaml:17: 'feedback' must be 'file'"), e);
    assertTrue(e.contains("p.yaml:18: 'last' must be a positive whole number"), e);
  }

  @Test
  void aTaskVariableCannotBeRedactedOrAPointer() {
    String e =
        assertThrows(
                ConfigException.class,
                () ->
                    ConfigLoader.parse(
                        "p.yaml",
                        String.join(
                            "\n",
                            "components:",
                            "  - name: predict",
                            "    method: a.P#predict(..)",
                            "    inputs: [{name: tripIds, redact: true}]",
                            "    outputs: [{name: scores, capture: pointer}]",
                            "tasks:",
                            "  - name: tips",
                            "    prediction: {component: predict, id: tripIds, value: scores, kind: score}",
                            "    feedback: file",
                            "")))
            .getMessage();
    assertTrue(
        e.contains(
            "p.yaml:4: task 'tips' reads the values of 'tripIds' of component 'predict', but it has 'redact: true'"),
        e);
    assertTrue(
        e.contains(
            "p.yaml:5: task 'tips' reads the values of 'scores' of component 'predict', but it has 'capture: pointer'"),
        e);
  }
}
