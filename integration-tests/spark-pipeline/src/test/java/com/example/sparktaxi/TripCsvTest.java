package com.example.sparktaxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripCsvTest {
  @TempDir Path dir;

  @Test
  void theSameSeedWritesTheSameBytes() throws Exception {
    TripCsv.write(dir.resolve("a/trips.csv"), 200, 7, true);
    TripCsv.write(dir.resolve("b/trips.csv"), 200, 7, true);
    TripCsv.write(dir.resolve("c/trips.csv"), 200, 8, true);
    assertEquals(-1, Files.mismatch(dir.resolve("a/trips.csv"), dir.resolve("b/trips.csv")));
    assertNotEquals(-1, Files.mismatch(dir.resolve("a/trips.csv"), dir.resolve("c/trips.csv")));
  }

  @Test
  void trainingFilesCarryTheLabelAndBatchesDoNot() throws Exception {
    TripCsv.write(dir.resolve("train.csv"), 500, 1, true);
    TripCsv.write(dir.resolve("batch.csv"), 10, 1, false);
    List<String> train = Files.readAllLines(dir.resolve("train.csv"));
    List<String> batch = Files.readAllLines(dir.resolve("batch.csv"));
    assertEquals(501, train.size());
    assertEquals("trip_id,payment_type,passengers,distance_km,fare,hour,tipped", train.get(0));
    assertEquals("trip_id,payment_type,passengers,distance_km,fare,hour", batch.get(0));
    assertEquals(7, train.get(1).split(",").length);
    assertEquals(6, batch.get(1).split(",").length);
    long tipped = train.stream().skip(1).filter(l -> l.endsWith(",1")).count();
    assertTrue(tipped > 50 && tipped < 450, "both classes present: " + tipped);
  }
}
