package com.example.taxi;

import java.util.List;

/**
 * Features and labels in memory, one row per trip. The arrays are shared, not copied: the stages
 * treat a table as read-only once built.
 */
public final class FeatureTable {

  private final List<String> columnNames;
  private final double[][] features;
  private final int[] labels;

  /**
   * @throws IllegalArgumentException when the row counts differ or a row's width does not match the
   *     column names
   */
  public FeatureTable(List<String> columnNames, double[][] features, int[] labels) {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " feature rows but " + labels.length + " labels");
    }
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != columnNames.size()) {
        throw new IllegalArgumentException(
            "row " + i + " has " + features[i].length + " values for columns " + columnNames);
      }
    }
    this.columnNames = List.copyOf(columnNames);
    this.features = features;
    this.labels = labels;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  public double[][] features() {
    return features;
  }

  public int[] labels() {
    return labels;
  }

  public int rows() {
    return labels.length;
  }

  /** Keeps the rows at {@code indices}, in that order. */
  FeatureTable select(int[] indices) {
    double[][] selectedFeatures = new double[indices.length][];
    int[] selectedLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      selectedFeatures[i] = features[indices[i]];
      selectedLabels[i] = labels[indices[i]];
    }
    return new FeatureTable(columnNames, selectedFeatures, selectedLabels);
  }

  @Override
  public String toString() {
    return "FeatureTable[rows=" + rows() + ", columns=" + columnNames + "]";
  }
}
