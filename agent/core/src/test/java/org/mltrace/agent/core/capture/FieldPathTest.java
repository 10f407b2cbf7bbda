package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;

class FieldPathTest {
  static class Metrics {
    private final double accuracy;
    private final double[] perClass;

    Metrics(double accuracy, double[] perClass) {
      this.accuracy = accuracy;
      this.perClass = perClass;
    }
  }

  static class BaseResult {
    private Metrics metrics;
  }

  /** The field sits in the superclass, private. */
  static final class Result extends BaseResult {
    final String label;

    Result(Metrics metrics, String label) {
      ((BaseResult) this).metrics = metrics;
      this.label = label;
    }
  }

  @Test
  void aPlainNameHasNoPath() {
    assertNull(FieldPath.of("result"));
    assertEquals("result", FieldPath.rootOf("result"));
    assertEquals("result", FieldPath.rootOf("result.metrics.accuracy"));
  }

  @Test
  void privateAndInheritedFieldsAreFollowed() {
    Result r = new Result(new Metrics(0.875, new double[] {1, 2}), "x");
    assertEquals(0.875, FieldPath.of("result.metrics.accuracy").read(r));
    assertSame(r.label, FieldPath.of("result.label").read(r));
    assertEquals(2, ((double[]) FieldPath.of("result.metrics.perClass").read(r)).length);
  }

  @Test
  void aMissingFieldIsUnreadableWithTheNearestNamesAndCounted() {
    long before = AgentHealth.FIELD_MISSING.total();
    Object value = FieldPath.of("result.metrcs.accuracy").read(new Result(null, "x"));
    FieldPath.Unreadable u = assertInstanceOf(FieldPath.Unreadable.class, value);
    assertEquals(AgentHealth.FIELD_MISSING, u.kind());
    assertTrue(u.reason().contains("has no field 'metrcs'; nearest: metrics"), u.reason());
    assertEquals(before + 1, AgentHealth.FIELD_MISSING.total());
  }

  @Test
  void aNullAlongThePathIsUnreadableButANullAtTheEndIsTheValue() {
    long before = AgentHealth.FIELD_NULL_ON_PATH.total();
    FieldPath.Unreadable u =
        assertInstanceOf(
            FieldPath.Unreadable.class,
            FieldPath.of("result.metrics.accuracy").read(new Result(null, "x")));
    assertEquals("result.metrics is null", u.reason());
    assertEquals(before + 1, AgentHealth.FIELD_NULL_ON_PATH.total());
    assertNull(FieldPath.of("result.label").read(new Result(null, null)));
    assertInstanceOf(
        FieldPath.Unreadable.class, FieldPath.of("result.label").read(null), "a null root");
  }

  @Test
  void aFieldOfAModuleThatDoesNotOpenItIsUnreadable() {
    long before = AgentHealth.FIELD_INACCESSIBLE.total();
    // java.time is not opened to the tests (java.util is, for Chronicle; see the pom).
    Object value = FieldPath.of("timeout.seconds").read(java.time.Duration.ofSeconds(5));
    FieldPath.Unreadable u = assertInstanceOf(FieldPath.Unreadable.class, value);
    assertEquals(AgentHealth.FIELD_INACCESSIBLE, u.kind());
    assertTrue(u.reason().contains("java.base does not open java.time"), u.reason());
    assertEquals(before + 1, AgentHealth.FIELD_INACCESSIBLE.total());
  }

  @Test
  void anAbsentRootStaysAbsent() {
    assertSame(CaptureBridge.ABSENT, FieldPath.of("total.count").read(CaptureBridge.ABSENT));
  }

  @Test
  void theLookupIsDoneOncePerClassAndName() {
    FieldPath path = FieldPath.of("result.label");
    path.read(new Result(null, "a"));
    Object first = FieldPath.cachedLookup(Result.class, "label");
    path.read(new Result(null, "b"));
    assertSame(first, FieldPath.cachedLookup(Result.class, "label"));
    assertInstanceOf(java.lang.reflect.Field.class, first);
  }

  @Test
  void theRecorderRecordsAFieldPathUnderItsFullNameAndAnUnreadableOneAsAbsentWithItsReason() {
    MethodRegistry registry = new MethodRegistry();
    List<CompletedRun> runs = new ArrayList<>();
    RunRecorder recorder =
        new RunRecorder(registry, new ValueEncoder("agent1", new ObjectIds(), 256), runs::add);
    int id =
        registry.register(
            new MethodPlan(
                "eval",
                "com.acme.E#eval()Lcom/acme/Result;",
                "v1",
                List.of(
                    new PlannedVariable("result.metrics.accuracy", true, true, 0),
                    new PlannedVariable("return.metrics.accuracy", false, false, 0))));
    Object token = recorder.enter(id, new Object[] {new Result(new Metrics(0.5, null), "in")});
    recorder.exit(token, new Object[] {new Result(null, "out")});

    CompletedRun run = runs.get(0);
    assertEquals(
        new CapturedValue(
            "result.metrics.accuracy", ValueKind.DOUBLE, "0.5", null, "java.lang.Double", -1),
        run.inputs().get(0).formatted());
    CapturedValue out = run.outputs().get(0);
    assertEquals(ValueKind.ABSENT, out.kind());
    assertEquals("return.metrics.accuracy", out.name());
    assertEquals("return.metrics is null", out.text());
  }
}
