package com.example.taxi;

import java.util.List;

/**
 * The {@code --fail-stage} switch: each stage method checks it first and throws when it is armed
 * for that stage, so that a failing run can be shown without editing the pipeline.
 */
final class FailureInjection {

  /** The stage names, in pipeline order; the same names as the components in taxi.yaml. */
  static final List<String> STAGES =
      List.of(
          TripGenerator.STAGE,
          Cleaner.STAGE,
          Featurizer.STAGE,
          Splitter.STAGE,
          Trainer.STAGE,
          Evaluator.STAGE,
          ModelStore.STAGE,
          BatchInference.STAGE);

  private static volatile String armedStage;

  private FailureInjection() {}

  /** Makes {@code stage} fail from now on; null disarms. */
  static void arm(String stage) {
    if (stage != null && !STAGES.contains(stage)) {
      throw new IllegalArgumentException(
          "unknown stage '" + stage + "', expected one of " + STAGES);
    }
    armedStage = stage;
  }

  static void disarm() {
    armedStage = null;
  }

  static boolean armedFor(String stage) {
    return stage.equals(armedStage);
  }
}
