package com.example.taxi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drops the trips that cannot be used: unparseable lines, negative distances, missing or
 * non-positive fares. Kept lines are copied byte for byte.
 */
public final class Cleaner {

  static final String STAGE = "clean";

  private Cleaner() {}

  /**
   * Copies the usable trips of {@code rawCsv} to {@code cleanCsv}, replacing it.
   *
   * @return {@code cleanCsv}
   * @throws IllegalArgumentException when {@code rawCsv} does not start with the trip header, or
   *     when it has trips and none is usable
   */
  public static Path clean(Path rawCsv, Path cleanCsv) throws IOException {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    int dropped = 0;
    int kept = 0;
    try (BufferedWriter out = Files.newBufferedWriter(cleanCsv, StandardCharsets.UTF_8)) {
      out.write(TripRecord.HEADER);
      out.newLine();
      for (String line : TripCsv.dataLines(rawCsv)) {
        if (usable(line)) {
          out.write(line);
          out.newLine();
          kept++;
        } else {
          dropped++;
        }
      }
    }
    if (kept == 0 && dropped > 0) {
      throw new IllegalArgumentException(
          rawCsv + ": all " + dropped + " trips are unusable, nothing left to train on");
    }
    return cleanCsv;
  }

  static boolean usable(String line) {
    TripRecord trip;
    try {
      trip = TripRecord.parse(line);
    } catch (IllegalArgumentException e) {
      return false; // a malformed line is dirty data, not a pipeline error
    }
    return trip.distanceKm() >= 0
        && trip.fare() > 0 // false for NaN, the missing fare
        && trip.passengers() > 0
        && trip.pickupHour() >= 0
        && trip.pickupHour() < 24;
  }
}
