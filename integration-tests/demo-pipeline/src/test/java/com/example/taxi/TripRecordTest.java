package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TripRecordTest {

  @Test
  void parseAndToCsvRoundTrip() {
    String line = "12,23,3.40,2,9.15,card,2.10";
    TripRecord trip = TripRecord.parse(line);
    assertEquals(new TripRecord(12, 23, 3.4, 2, 9.15, "card", 2.1), trip);
    assertEquals(line, trip.toCsv());
  }

  @Test
  void emptyFareIsNaNAndWrittenBackEmpty() {
    TripRecord trip = TripRecord.parse("67,23,6.51,3,,card,4.93");
    assertTrue(Double.isNaN(trip.fare()));
    assertEquals("67,23,6.51,3,,card,4.93", trip.toCsv());
  }

  @Test
  void generousTipMeansMoreThanTwentyPercent() {
    assertTrue(new TripRecord(1, 0, 1, 1, 10.0, "card", 2.01).generousTip());
    assertFalse(new TripRecord(1, 0, 1, 1, 10.0, "card", 2.00).generousTip());
  }

  @Test
  void wrongColumnCountIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TripRecord.parse("1,2,3"));
    assertTrue(e.getMessage().contains("expected 7 columns but found 3"), e.getMessage());
  }
}
