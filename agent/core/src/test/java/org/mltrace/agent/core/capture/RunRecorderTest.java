package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

class RunRecorderTest {
  private final MethodRegistry registry = new MethodRegistry();
  private final List<CompletedRun> runs = new ArrayList<>();
  private final RunRecorder recorder =
      new RunRecorder(registry, new ValueEncoder("agent1", new ObjectIds(), 256), runs::add);

  private final int fit =
      registry.register(
          new MethodPlan(
              "train",
              "com.acme.T#fit(Ljava/util/List;)I",
              "v1",
              List.of(
                  new PlannedVariable("rows", true, true, 0),
                  new PlannedVariable("seen", true, false, 0),
                  new PlannedVariable("return", false, false, 1))));

  @Test
  void entryInputsAreEncodedAtEntryAndTheRestAtExitInYamlOrder() {
    List<String> rows = new ArrayList<>(List.of("a", "b"));
    Object token = recorder.enter(fit, new Object[] {rows});
    rows.add("c");
    recorder.exit(token, new Object[] {CaptureBridge.ABSENT, 3});

    CompletedRun run = runs.get(0);
    assertEquals(2, run.inputs().get(0).size(), "the list as it was when the method started");
    assertEquals("rows", run.inputs().get(0).name());
    assertEquals(CapturedValue.absent("seen"), run.inputs().get(1));
    assertEquals(
        new CapturedValue("return", ValueKind.LONG, "3", null, "java.lang.Integer", -1),
        run.outputs().get(0));
    assertEquals(1, run.sequence());
  }

  @Test
  void eachVariableIsEncodedWithItsOwnOptions() {
    int score =
        registry.register(
            new MethodPlan(
                "score",
                "com.acme.S#score([DLjava/lang/String;)D",
                "v1",
                List.of(
                    new PlannedVariable(
                        "values",
                        true,
                        true,
                        0,
                        new CaptureOptions(null, CaptureMode.AUTO, false, 256, 2)),
                    new PlannedVariable(
                        "token",
                        true,
                        true,
                        1,
                        new CaptureOptions(null, CaptureMode.AUTO, true, 256, 1024)),
                    new PlannedVariable(
                        "return",
                        false,
                        false,
                        0,
                        new CaptureOptions("metric", CaptureMode.AUTO, false, 256, 1024)))));
    Object token = recorder.enter(score, new Object[] {new double[] {1, 2, 3, 4}, "s3cr3t"});
    recorder.exit(token, new Object[] {0.5});

    CompletedRun run = runs.get(0);
    assertEquals(2, run.inputs().get(0).summary().sampled(), "sample_cap 2");
    assertEquals(ValueKind.REDACTED, run.inputs().get(1).kind());
    assertTrue(run.inputs().get(1).text().startsWith("sha256:"));
    assertEquals("metric", run.outputs().get(0).pointerType());
  }

  @Test
  void anIdNeverRegisteredIsSkipped() {
    assertNull(recorder.enter(99, new Object[0]));
    assertNull(recorder.enter(-1, null));
  }

  @Test
  void aFailAfterAnExitRecordsOneRunOnly() {
    Object token = recorder.enter(fit, new Object[] {List.of()});
    recorder.exit(token, new Object[] {1, 2});
    recorder.fail(token, new IllegalStateException("from the exit hook"));
    assertEquals(1, runs.size());
    assertEquals(false, runs.get(0).failed());
  }

  @Test
  void aFailureKeepsTheClassAndACutMessage() {
    Object token = recorder.enter(fit, new Object[] {List.of()});
    recorder.fail(token, new IllegalArgumentException("x".repeat(5000)));
    CompletedRun run = runs.get(0);
    assertTrue(run.failed());
    assertEquals("java.lang.IllegalArgumentException", run.errorClass());
    assertEquals(1024, run.errorMessage().length());
    assertEquals(
        CapturedValue.absent("return"), run.outputs().get(0), "no return value on failure");
  }

  @Test
  void anExceptionWhoseMessageThrowsIsStillARun() {
    long errorsBefore = AgentCounters.internalErrorCount();
    Object token = recorder.enter(fit, new Object[] {List.of()});
    recorder.fail(
        token,
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("the application's getMessage");
          }
        });
    assertTrue(runs.get(0).failed());
    assertNull(runs.get(0).errorMessage());
    assertEquals(errorsBefore + 1, AgentCounters.internalErrorCount());
  }

  @Test
  void sequenceNumbersIncreasePerRecorder() {
    for (int i = 0; i < 3; i++) {
      recorder.exit(recorder.enter(fit, new Object[] {List.of()}), new Object[] {null, i});
    }
    assertEquals(List.of(1L, 2L, 3L), runs.stream().map(CompletedRun::sequence).toList());
  }
}
