package com.example.taxi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    List<String> lines = TripCsv.dataLines(rawCsv);
    // The raw fare column as read, NaN where blank or unparseable: what a data-quality check on
    // this stage's input looks at (mltrace's taxi.yaml records it).
    double[] rawFares = new double[lines.size()];
    try (BufferedWriter out = Files.newBufferedWriter(cleanCsv, StandardCharsets.UTF_8)) {
      out.write(TripRecord.HEADER);
      out.newLine();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        TripRecord trip = parseOrNull(line);
        rawFares[i] = trip == null ? Double.NaN : trip.fare();
        if (trip != null && usable(trip)) {
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
    TripRecord trip = parseOrNull(line);
    return trip != null && usable(trip);
  }

  private static TripRecord parseOrNull(String line) {
    try {
      return TripRecord.parse(line);
    } catch (IllegalArgumentException e) {
      return null; // a malformed line is dirty data, not a pipeline error
    }
  }

  private static boolean usable(TripRecord trip) {
    return trip.distanceKm() >= 0
        && trip.fare() > 0 // false for NaN, the missing fare
        && trip.passengers() > 0
        && trip.pickupHour() >= 0
        && trip.pickupHour() < 24;
  }
}
