package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturizerTest {

  @TempDir Path dir;

  @Test
  void oneRowPerTripWithTheGenerousTipLabel() throws IOException {
    Path clean =
        Files.write(
            dir.resolve("clean.csv"),
            List.of(
                TripRecord.HEADER,
                "1,22,1.50,3,6.00,card,1.50", // night, 25% tip
                "2,9,8.00,1,17.00,cash,0.00",
                "3,4,2.00,1,10.00,card,2.00")); // exactly 20% is not generous

    FeatureTable table = Featurizer.featurize(clean);

    assertEquals(Featurizer.COLUMNS, table.columnNames());
    assertEquals(3, table.rows());
    assertArrayEquals(new double[] {1, 1, 1.5, 3, 6.0}, table.features()[0]);
    assertArrayEquals(new double[] {0, 0, 8.0, 1, 17.0}, table.features()[1]);
    assertArrayEquals(new double[] {1, 1, 2.0, 1, 10.0}, table.features()[2]);
    assertArrayEquals(new int[] {1, 0, 0}, table.labels());
  }

  @Test
  void aMissingFareNamesTheFileAndLine() throws IOException {
    Path notCleaned =
        Files.write(
            dir.resolve("raw.csv"),
            List.of(TripRecord.HEADER, "1,22,1.50,3,6.00,card,1.50", "67,23,6.51,3,,card,4.93"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Featurizer.featurize(notCleaned));
    assertEquals(notCleaned + ":3: trip 67 has no fare", e.getMessage());
  }

  @Test
  void tableToStringIsShort() throws IOException {
    Path clean = Files.write(dir.resolve("c.csv"), List.of(TripRecord.HEADER));
    String text = Featurizer.featurize(clean).toString();
    assertTrue(text.startsWith("FeatureTable[rows=0, columns=[card_payment"), text);
  }
}
