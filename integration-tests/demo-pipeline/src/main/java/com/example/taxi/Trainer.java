package com.example.taxi;

/** Fits a {@link LogisticModel} by full-batch gradient descent on the mean log loss. */
public final class Trainer {

  static final String STAGE = "train";

  private Trainer() {}

  /**
   * Standardizes the features with the training statistics and runs {@code epochs} steps of
   * gradient descent from zero weights. Deterministic: no randomness is involved.
   *
   * @throws IllegalArgumentException when {@code train} is empty, {@code epochs} is negative or
   *     {@code learningRate} is not positive
   * @throws IllegalStateException when the loss ends up infinite or NaN (learning rate too high)
   */
  public static LogisticModel fit(FeatureTable train, int epochs, double learningRate) {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    if (train.rows() == 0 || epochs < 0 || !(learningRate > 0)) {
      throw new IllegalArgumentException(
          "need rows > 0, epochs >= 0, learningRate > 0 but got "
              + train.rows()
              + " rows, "
              + epochs
              + " epochs, learningRate "
              + learningRate);
    }
    int width = train.columnNames().size();
    double[] means = new double[width];
    double[] scales = new double[width];
    double[][] x = standardize(train.features(), means, scales);
    int[] y = train.labels();

    double[] weights = new double[width];
    double bias = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double[] gradient = new double[width];
      double biasGradient = 0;
      for (int i = 0; i < x.length; i++) {
        double error = sigmoid(dot(weights, x[i]) + bias) - y[i];
        for (int j = 0; j < width; j++) {
          gradient[j] += error * x[i][j];
        }
        biasGradient += error;
      }
      for (int j = 0; j < width; j++) {
        weights[j] -= learningRate * gradient[j] / x.length;
      }
      bias -= learningRate * biasGradient / x.length;
    }
    double finalLoss = logLoss(x, y, weights, bias);
    if (!Double.isFinite(finalLoss)) {
      throw new IllegalStateException(
          "training diverged (loss " + finalLoss + "); lower the learning rate " + learningRate);
    }
    return new LogisticModel(train.columnNames(), means, scales, weights, bias);
  }

  /** Fills {@code means} and {@code scales} and returns the standardized copy of {@code rows}. */
  private static double[][] standardize(double[][] rows, double[] means, double[] scales) {
    int width = means.length;
    for (double[] row : rows) {
      for (int j = 0; j < width; j++) {
        means[j] += row[j] / rows.length;
      }
    }
    for (double[] row : rows) {
      for (int j = 0; j < width; j++) {
        scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / rows.length;
      }
    }
    for (int j = 0; j < width; j++) {
      scales[j] = scales[j] > 0 ? Math.sqrt(scales[j]) : 1.0; // a constant column stays as is
    }
    double[][] standardized = new double[rows.length][width];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < width; j++) {
        standardized[i][j] = (rows[i][j] - means[j]) / scales[j];
      }
    }
    return standardized;
  }

  static double logLoss(double[][] x, int[] y, double[] weights, double bias) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double p = sigmoid(dot(weights, x[i]) + bias);
      p = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
      sum -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / x.length;
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
