package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

  @TempDir Path dir;

  static FeatureTable separable() {
    double[][] features = {{-3, 5}, {-2, 5}, {-1, 5}, {1, 5}, {2, 5}, {3, 5}};
    int[] labels = {0, 0, 0, 1, 1, 1};
    return new FeatureTable(List.of("x", "constant"), features, labels);
  }

  @Test
  void separatesASeparableTable() {
    FeatureTable table = separable();
    LogisticModel model = Trainer.fit(table, 200, 0.5);
    for (int i = 0; i < table.rows(); i++) {
      assertEquals(table.labels()[i], model.predict(table.features()[i]), "row " + i);
    }
    assertEquals(1.0, model.scales()[1], "a constant column is left unscaled");
  }

  @Test
  void zeroEpochsIsTheCoinTossModel() {
    LogisticModel model = Trainer.fit(separable(), 0, 0.5);
    assertArrayEquals(new double[2], model.weights());
    assertEquals(0.5, model.probability(new double[] {3, 5}));
  }

  @Test
  void sameInputSameModel() {
    assertEquals(Trainer.fit(separable(), 50, 0.3), Trainer.fit(separable(), 50, 0.3));
  }

  @Test
  void rejectsBadArguments() {
    FeatureTable empty = new FeatureTable(List.of("x"), new double[0][], new int[0]);
    assertThrows(IllegalArgumentException.class, () -> Trainer.fit(empty, 10, 0.1));
    assertThrows(IllegalArgumentException.class, () -> Trainer.fit(separable(), -1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> Trainer.fit(separable(), 10, 0));
  }

  /**
   * The threshold comes from the data, not from this model. The generator's own rule (predict a
   * generous tip for card payers whose true tip probability is above one half) is the best any
   * model can do: over seeds 0..199 with 5000 trips it scores 0.785 to 0.852 on the test split,
   * while always predicting "not generous" scores 0.71 on average (0.747 at most). This model
   * scored 0.784 to 0.849 on the same seeds, so demanding 0.77 and a clear lead over the majority
   * class catches a broken trainer or featurizer without being flaky.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void learnsTheTipSignal(long seed) throws IOException {
    Path raw = TripGenerator.generate(dir.resolve("raw.csv"), 5000, seed);
    FeatureTable table = Featurizer.featurize(Cleaner.clean(raw, dir.resolve("clean.csv")));
    TrainTestSplit split = Splitter.split(table, TaxiPipeline.TEST_FRACTION, seed);

    LogisticModel model =
        Trainer.fit(split.train(), TaxiPipeline.EPOCHS, TaxiPipeline.LEARNING_RATE);
    double accuracy = Evaluator.evaluate(model, split.test());

    int generous = 0;
    for (int label : split.test().labels()) {
      generous += label;
    }
    double majority =
        Math.max(generous, split.test().rows() - generous) / (double) split.test().rows();
    assertTrue(accuracy >= 0.77, "accuracy " + accuracy);
    assertTrue(accuracy >= majority + 0.04, "accuracy " + accuracy + ", majority " + majority);
  }
}
