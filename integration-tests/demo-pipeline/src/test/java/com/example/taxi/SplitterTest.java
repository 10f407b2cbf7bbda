package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SplitterTest {

  /** Row i has the single feature i, so rows can be traced through the split. */
  static FeatureTable numbered(int rows) {
    double[][] features = new double[rows][];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      features[i] = new double[] {i};
      labels[i] = i % 2;
    }
    return new FeatureTable(List.of("i"), features, labels);
  }

  static TreeSet<Integer> ids(FeatureTable table) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (double[] row : table.features()) {
      ids.add((int) row[0]);
    }
    return ids;
  }

  @Test
  void partsAreDisjointAndCoverEveryRow() {
    TrainTestSplit split = Splitter.split(numbered(101), 0.2, 3);
    assertEquals(81, split.train().rows());
    assertEquals(20, split.test().rows());
    TreeSet<Integer> all = ids(split.train());
    all.addAll(ids(split.test()));
    assertEquals(101, all.size());
    for (int i = 0; i < split.test().rows(); i++) {
      assertEquals((int) split.test().features()[i][0] % 2, split.test().labels()[i]);
    }
  }

  @Test
  void sameSeedSameSplit() {
    FeatureTable table = numbered(50);
    TrainTestSplit a = Splitter.split(table, 0.3, 9);
    TrainTestSplit b = Splitter.split(table, 0.3, 9);
    assertArrayEquals(a.test().features(), b.test().features());
    assertEquals(ids(a.train()), ids(b.train()));
  }

  @Test
  void rejectsFractionsThatLeaveAPartEmpty() {
    assertThrows(IllegalArgumentException.class, () -> Splitter.split(numbered(10), 0.0, 1));
    assertThrows(IllegalArgumentException.class, () -> Splitter.split(numbered(10), 1.0, 1));
    assertThrows(IllegalArgumentException.class, () -> Splitter.split(numbered(3), 0.1, 1));
  }
}
