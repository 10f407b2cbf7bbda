package com.example.taxi;

import java.util.Arrays;
import java.util.List;

/**
 * A trained logistic regression. It standardizes each feature with the training means and standard
 * deviations it carries, so callers pass raw feature rows.
 */
public final class LogisticModel {

  private final List<String> columnNames;
  private final double[] means;
  private final double[] scales;
  private final double[] weights;
  private final double bias;

  /**
   * @throws IllegalArgumentException when the arrays do not all match the column count
   */
  public LogisticModel(
      List<String> columnNames, double[] means, double[] scales, double[] weights, double bias) {
    int width = columnNames.size();
    if (means.length != width || scales.length != width || weights.length != width) {
      throw new IllegalArgumentException(
          "expected " + width + " means, scales and weights for columns " + columnNames);
    }
    this.columnNames = List.copyOf(columnNames);
    this.means = means.clone();
    this.scales = scales.clone();
    this.weights = weights.clone();
    this.bias = bias;
  }

  /** The probability of a generous tip for one raw feature row. */
  public double probability(double[] features) {
    double z = bias;
    for (int j = 0; j < weights.length; j++) {
      z += weights[j] * (features[j] - means[j]) / scales[j];
    }
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** 1 for a predicted generous tip, else 0. */
  public int predict(double[] features) {
    return probability(features) >= 0.5 ? 1 : 0;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  public double[] means() {
    return means.clone();
  }

  public double[] scales() {
    return scales.clone();
  }

  public double[] weights() {
    return weights.clone();
  }

  public double bias() {
    return bias;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogisticModel other
        && columnNames.equals(other.columnNames)
        && Arrays.equals(means, other.means)
        && Arrays.equals(scales, other.scales)
        && Arrays.equals(weights, other.weights)
        && Double.compare(bias, other.bias) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * columnNames.hashCode() + Arrays.hashCode(weights) + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LogisticModel[columns="
        + columnNames
        + ", weights="
        + Arrays.toString(weights)
        + ", bias="
        + bias
        + "]";
  }
}
