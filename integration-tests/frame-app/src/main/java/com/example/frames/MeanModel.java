package com.example.frames;

/** Predicts the mean of the target column, whatever the input: the smallest possible model. */
public final class MeanModel {
  private final double mean;

  MeanModel(double mean) {
    this.mean = mean;
  }

  public double mean() {
    return mean;
  }
}
