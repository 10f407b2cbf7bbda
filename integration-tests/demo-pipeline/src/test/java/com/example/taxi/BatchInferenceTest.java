package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchInferenceTest {

  @TempDir Path dir;
  Path modelFile;
  Path clean;

  @BeforeEach
  void trainAModel() throws IOException {
    Path raw = TripGenerator.generate(dir.resolve("raw.csv"), 400, 4);
    clean = Cleaner.clean(raw, dir.resolve("clean.csv"));
    LogisticModel model = Trainer.fit(Featurizer.featurize(clean), 100, 0.5);
    modelFile = ModelStore.save(model, dir.resolve("model.bin"));
  }

  @Test
  void writesOnePredictionPerInputRow() throws IOException {
    Path predictions = dir.resolve("predictions.csv");

    long written = BatchInference.predict(modelFile, clean, predictions);

    List<String> inputRows = TripCsv.dataLines(clean);
    List<String> lines = Files.readAllLines(predictions);
    assertEquals(392, inputRows.size(), "400 trips less 4 negative distances, 4 missing fares");
    assertEquals(inputRows.size(), written);
    assertEquals(BatchInference.HEADER, lines.get(0));
    assertEquals(written, lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      assertEquals(inputRows.get(i - 1).split(",")[0], cells[0], "trip ids keep input order");
      double probability = Double.parseDouble(cells[1]);
      assertTrue(probability >= 0 && probability <= 1, lines.get(i));
      assertEquals(probability >= 0.5 ? "1" : "0", cells[2], lines.get(i));
    }
  }

  @Test
  void refusesInputThatWasNotCleaned() throws IOException {
    Path raw = TripGenerator.generate(dir.resolve("raw.csv"), 100, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BatchInference.predict(modelFile, raw, dir.resolve("p.csv")));
    // Seed 4 numbers its trips from 4 * 3,000,000 + 1: the 67th has no fare.
    assertEquals(
        raw + ": trip " + (TripGenerator.firstId(4) + 66) + " has no fare", e.getMessage());
  }
}
