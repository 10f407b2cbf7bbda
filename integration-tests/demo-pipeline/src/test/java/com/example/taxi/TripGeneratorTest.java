package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripGeneratorTest {

  @TempDir Path dir;

  @Test
  void sameSeedWritesIdenticalBytes() throws IOException {
    Path a = TripGenerator.generate(dir.resolve("a.csv"), 1000, 7);
    Path b = TripGenerator.generate(dir.resolve("b.csv"), 1000, 7);
    Path c = TripGenerator.generate(dir.resolve("c.csv"), 1000, 8);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
  }

  @Test
  void returnsTheFileItWroteWithOneLinePerTrip() throws IOException {
    Path raw = dir.resolve("raw.csv");
    assertSame(raw, TripGenerator.generate(raw, 250, 1));
    List<String> lines = Files.readAllLines(raw);
    assertEquals(TripRecord.HEADER, lines.get(0));
    assertEquals(250, lines.size() - 1);
  }

  @Test
  void tripIdsOfTwoNightsNeverCollide() throws IOException {
    List<TripRecord> one = TripCsv.read(TripGenerator.generate(dir.resolve("one.csv"), 5000, 1));
    List<TripRecord> two = TripCsv.read(TripGenerator.generate(dir.resolve("two.csv"), 5000, 2));
    assertEquals(3_000_001, one.get(0).tripId());
    assertEquals(6_000_001, two.get(0).tripId());
    assertTrue(one.get(one.size() - 1).tripId() < two.get(0).tripId());
  }

  @Test
  void breaksTwoRowsInEveryHundred() throws IOException {
    List<TripRecord> trips = TripCsv.read(TripGenerator.generate(dir.resolve("raw.csv"), 300, 3));
    for (TripRecord trip : trips) {
      boolean negativeDistance = trip.distanceKm() < 0;
      boolean missingFare = Double.isNaN(trip.fare());
      assertEquals(trip.tripId() % 100 == 17, negativeDistance, trip.toCsv());
      assertEquals(trip.tripId() % 100 == 67, missingFare, trip.toCsv());
    }
  }

  @Test
  void cashTipsAreZeroAndBothLabelsOccur() throws IOException {
    List<TripRecord> trips = TripCsv.read(TripGenerator.generate(dir.resolve("raw.csv"), 2000, 5));
    long generous = trips.stream().filter(TripRecord::generousTip).count();
    assertTrue(trips.stream().filter(t -> !t.paidByCard()).allMatch(t -> t.tip() == 0.0));
    assertTrue(generous > 200 && generous < 1000, "generous tips: " + generous);
  }

  @Test
  void nullBurstBlanksEveryThirdFareOnTopOfTheUsualOne() throws IOException {
    List<TripRecord> trips = withProblem(DataProblem.NULLS, 300);
    // The burst blanks ids 3, 6, ..., 300: 100 trips. The usual blank fares are ids 67, 167 and
    // 267; 267 is a multiple of 3 and already counted, 67 and 167 are not: 100 + 2 = 102.
    assertEquals(102, trips.stream().filter(t -> Double.isNaN(t.fare())).count());
  }

  @Test
  void driftRaisesEveryFareBySixtyPercent() throws IOException {
    List<TripRecord> plain = withProblem(DataProblem.NONE, 200);
    List<TripRecord> drifted = withProblem(DataProblem.DRIFT, 200);
    for (int i = 0; i < plain.size(); i++) {
      double fare = plain.get(i).fare();
      if (!Double.isNaN(fare)) {
        assertEquals(Math.round(fare * 1.6 * 100) / 100.0, drifted.get(i).fare(), 1e-9);
      }
    }
  }

  private List<TripRecord> withProblem(DataProblem problem, int trips) throws IOException {
    DataProblem.set(problem);
    try {
      return TripCsv.read(TripGenerator.generate(dir.resolve(problem + ".csv"), trips, 11));
    } finally {
      DataProblem.set(DataProblem.NONE);
    }
  }
}
