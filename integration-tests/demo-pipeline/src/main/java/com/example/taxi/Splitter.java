package com.example.taxi;

import java.util.Random;

/** Splits a table into train and test rows by a seeded shuffle. */
public final class Splitter {

  static final String STAGE = "split";

  private Splitter() {}

  /**
   * Shuffles the rows with {@code seed} and puts {@code testFraction} of them (rounded) in the test
   * part. Same table and seed, same split.
   *
   * @throws IllegalArgumentException when {@code testFraction} is not strictly between 0 and 1, or
   *     when either part would be empty
   */
  public static TrainTestSplit split(FeatureTable table, double testFraction, long seed) {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1) but was " + testFraction);
    }
    int rows = table.rows();
    int testRows = (int) Math.round(rows * testFraction);
    if (testRows == 0 || testRows == rows) {
      throw new IllegalArgumentException(
          "cannot split " + rows + " rows with testFraction " + testFraction + ": a part is empty");
    }
    int[] order = shuffledIndices(rows, new Random(seed));
    int[] testIndices = new int[testRows];
    int[] trainIndices = new int[rows - testRows];
    System.arraycopy(order, 0, testIndices, 0, testRows);
    System.arraycopy(order, testRows, trainIndices, 0, trainIndices.length);
    FeatureTable train = table.select(trainIndices);
    FeatureTable test = table.select(testIndices);
    return new TrainTestSplit(train, test);
  }

  /** Fisher–Yates. */
  private static int[] shuffledIndices(int n, Random random) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
    return indices;
  }
}
