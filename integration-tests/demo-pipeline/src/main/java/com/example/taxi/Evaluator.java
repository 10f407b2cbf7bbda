package com.example.taxi;

/** Scores a model on held-out rows. */
public final class Evaluator {

  static final String STAGE = "evaluate";

  private Evaluator() {}

  /**
   * The fraction of {@code test} rows whose label the model predicts.
   *
   * @throws IllegalArgumentException when {@code test} is empty or its columns differ from the
   *     model's
   */
  public static double evaluate(LogisticModel model, FeatureTable test) {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    if (test.rows() == 0) {
      throw new IllegalArgumentException("cannot evaluate on an empty test table");
    }
    if (!model.columnNames().equals(test.columnNames())) {
      throw new IllegalArgumentException(
          "model columns " + model.columnNames() + " but test columns " + test.columnNames());
    }
    int correct = 0;
    for (int i = 0; i < test.rows(); i++) {
      if (model.predict(test.features()[i]) == test.labels()[i]) {
        correct++;
      }
    }
    return (double) correct / test.rows();
  }
}
