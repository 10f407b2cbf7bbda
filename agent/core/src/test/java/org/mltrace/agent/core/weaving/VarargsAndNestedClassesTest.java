package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mltrace.agent.core.weaving.WovenClasses.FIXTURES;
import static org.mltrace.agent.core.weaving.WovenClasses.component;
import static org.mltrace.agent.core.weaving.WovenClasses.yaml;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.weaving.CaptureTransformerTest.Call;
import org.mltrace.fixtures.weaving.Stages;

/**
 * A varargs method named with {@code T...} or {@code T[]}, and a method of a nested class ({@code
 * Outer$Inner}).
 */
class VarargsAndNestedClassesTest {
  private final CaptureTransformerTest.Recording hooks =
      CaptureTransformerTest.Recording.installed();

  @AfterEach
  void removeHooks() {
    CaptureBridge.install(null);
  }

  @Test
  void aVarargsMethodIsWovenWhetherTheYamlSaysDotsOrAnArray() throws Throwable {
    for (String parameters : new String[] {"double...", "double[]"}) {
      hooks.calls.clear();
      WovenClasses w =
          WovenClasses.weave(
              yaml(
                  component(
                      "mean", FIXTURES + "Stages#mean(" + parameters + ")", "xs", "return, mean")),
              Stages.class);
      double[] xs = {1, 2, 6};
      assertEquals(3.0, w.call(Stages.class, "mean", (Object) xs), parameters);
      Call c = hooks.only();
      assertSame(xs, w.value(c, "xs", true), "the varargs array itself, as the caller passed it");
      assertEquals(3.0, w.value(c, "mean", false));
      assertEquals(3.0, w.value(c, "return", false));
    }
  }

  @Test
  void aMethodOfANestedClassIsNamedWithTheDollar() throws Throwable {
    WovenClasses w =
        WovenClasses.weave(
            yaml(
                component(
                    "scale",
                    FIXTURES + "Stages$Scaler#scale(double, double[])",
                    "factor, xs",
                    "scaled")),
            Stages.Scaler.class);
    double[] result = (double[]) w.call(Stages.Scaler.class, "scale", 2.0, new double[] {1, 3});
    assertArrayEquals(new double[] {2, 6}, result);
    Call c = hooks.only();
    assertEquals(2.0, w.value(c, "factor", true));
    assertSame(result, w.value(c, "scaled", false));
  }
}
