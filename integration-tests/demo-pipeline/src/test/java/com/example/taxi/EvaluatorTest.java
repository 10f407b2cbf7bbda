package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  /** Predicts 1 exactly when x is positive. */
  static final LogisticModel SIGN =
      new LogisticModel(List.of("x"), new double[] {0}, new double[] {1}, new double[] {10}, 0);

  @AfterEach
  void disarm() {
    FailureInjection.disarm();
  }

  @Test
  void accuracyIsTheFractionOfRightLabels() {
    FeatureTable test =
        new FeatureTable(
            List.of("x"), new double[][] {{-1}, {2}, {3}, {-4}}, new int[] {0, 1, 0, 0});
    assertEquals(0.75, Evaluator.evaluate(SIGN, test));
  }

  @Test
  void rejectsAnEmptyTableAndOtherColumns() {
    FeatureTable empty = new FeatureTable(List.of("x"), new double[0][], new int[0]);
    FeatureTable other = new FeatureTable(List.of("y"), new double[][] {{1}}, new int[] {1});
    assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(SIGN, empty));
    assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(SIGN, other));
  }

  @Test
  void injectedFailure() {
    FailureInjection.arm("evaluate");
    FeatureTable test = new FeatureTable(List.of("x"), new double[][] {{1}}, new int[] {1});
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Evaluator.evaluate(SIGN, test));
    assertEquals("injected failure in evaluate", e.getMessage());
  }
}
