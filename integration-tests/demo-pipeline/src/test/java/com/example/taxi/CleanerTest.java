package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanerTest {

  @TempDir Path dir;

  @AfterEach
  void disarm() {
    FailureInjection.disarm();
  }

  @Test
  void dropsExactlyTheBadRows() throws IOException {
    Path raw = TripGenerator.generate(dir.resolve("raw.csv"), 1000, 11);
    Path clean = dir.resolve("clean.csv");

    assertSame(clean, Cleaner.clean(raw, clean));

    // Decide "bad" independently of Cleaner: split the raw text by hand.
    List<String> rawRows = Files.readAllLines(raw).subList(1, 1001);
    List<String> good =
        rawRows.stream()
            .filter(row -> !row.split(",", -1)[4].isEmpty())
            .filter(row -> !row.split(",", -1)[2].startsWith("-"))
            .collect(Collectors.toList());
    List<String> cleanLines = Files.readAllLines(clean);
    assertEquals(TripRecord.HEADER, cleanLines.get(0));
    assertEquals(good, cleanLines.subList(1, cleanLines.size()));
    assertEquals(980, good.size(), "10 negative distances and 10 missing fares in 1000 trips");
  }

  @Test
  void dropsMalformedAndImpossibleLines() throws IOException {
    Path raw = dir.resolve("raw.csv");
    Files.write(
        raw,
        List.of(
            TripRecord.HEADER,
            "1,10,2.00,1,7.50,card,1.00",
            "2,10,2.00,1,7.50,card", // a column short
            "3,10,two,1,7.50,card,1.00", // not a number
            "4,10,2.00,1,0.00,cash,0.00", // zero fare
            "5,24,2.00,1,7.50,cash,0.00", // no such hour
            "6,10,2.00,0,7.50,cash,0.00", // nobody aboard
            "7,3,0.00,2,3.50,cash,0.00")); // zero distance is a cancelled trip, still billed
    Path clean = Cleaner.clean(raw, dir.resolve("clean.csv"));
    assertEquals(
        List.of(TripRecord.HEADER, "1,10,2.00,1,7.50,card,1.00", "7,3,0.00,2,3.50,cash,0.00"),
        Files.readAllLines(clean));
  }

  @Test
  void rejectsAFileWithoutTheTripHeader() throws IOException {
    Path raw = Files.writeString(dir.resolve("raw.csv"), "id,fare\n1,2.0\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(raw, dir.resolve("c")));
    assertTrue(e.getMessage().startsWith(raw + ": expected header"), e.getMessage());
  }

  @Test
  void rejectsAFileWhereNothingIsUsable() throws IOException {
    Path raw = Files.write(dir.resolve("raw.csv"), List.of(TripRecord.HEADER, "1,2,-1.0,1,,x,0"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cleaner.clean(raw, dir.resolve("c")));
    assertTrue(e.getMessage().contains("all 1 trips are unusable"), e.getMessage());
  }

  @Test
  void injectedFailureThrowsBeforeWritingAnything() throws IOException {
    Path raw = TripGenerator.generate(dir.resolve("raw.csv"), 20, 1);
    FailureInjection.arm("clean");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Cleaner.clean(raw, dir.resolve("c.csv")));
    assertEquals("injected failure in clean", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("c.csv")));
  }
}
