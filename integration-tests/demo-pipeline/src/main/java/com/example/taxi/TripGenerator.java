package com.example.taxi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes synthetic taxi trips, the pipeline's raw input.
 *
 * <p>The data has a learnable signal: card payers tip generously more often at night, in groups of
 * three or more, and on short trips; cash tips are never recorded. A few rows are broken on
 * purpose, as in real meter exports: every 100th trip (ids ending in 17) has a negative distance
 * and every 100th (ids ending in 67) has no fare. Same seed, same bytes. {@link DataProblem} adds a
 * defect on top: a burst of blank fares, or a fare hike.
 */
public final class TripGenerator {

  static final String STAGE = "generate";

  private TripGenerator() {}

  /**
   * Writes {@code trips} trips to {@code rawCsv}, replacing it.
   *
   * @return {@code rawCsv}
   * @throws IllegalArgumentException when {@code trips} is negative
   */
  public static Path generate(Path rawCsv, int trips, long seed) throws IOException {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    if (trips < 0) {
      throw new IllegalArgumentException("trips must be >= 0 but was " + trips);
    }
    Random random = new Random(seed);
    try (BufferedWriter out = Files.newBufferedWriter(rawCsv, StandardCharsets.UTF_8)) {
      out.write(TripRecord.HEADER);
      out.newLine();
      long first = firstId(seed);
      for (long id = first; id < first + trips; id++) {
        out.write(trip(id, random).toCsv());
        out.newLine();
      }
    }
    return rawCsv;
  }

  /**
   * Trip ids are unique across nights, as real ones are: the night of seed {@code s} numbers its
   * trips from {@code (s mod 1000) * 3,000,000 + 1}. The block is a multiple of 300, so each trip's
   * id mod 100 and mod 3 (which choose the bad rows below) are those of its position.
   */
  static long firstId(long seed) {
    return Math.floorMod(seed, 1000) * 3_000_000L + 1;
  }

  private static TripRecord trip(long id, Random random) {
    int hour = random.nextInt(24);
    double distance = round2(0.5 + Math.min(30.0, -Math.log(1.0 - random.nextDouble()) * 3.0));
    int passengers = random.nextDouble() < 0.7 ? 1 : 1 + random.nextInt(4);
    double fare = round2(Math.max(3.5, 3.0 + 1.75 * distance + random.nextGaussian() * 1.5));
    if (DataProblem.current() == DataProblem.DRIFT) {
      fare = round2(fare * 1.6);
    }
    boolean card = random.nextDouble() < 0.68;
    double tip = card ? round2(fare * tipRate(hour, distance, passengers, random)) : 0.0;
    if (id % 100 == 17) {
      distance = -distance;
    }
    if (id % 100 == 67) {
      fare = Double.NaN;
    }
    if (DataProblem.current() == DataProblem.NULLS && id % 3 == 0) {
      fare = Double.NaN;
    }
    return new TripRecord(id, hour, distance, passengers, fare, card ? "card" : "cash", tip);
  }

  /**
   * Generous tips are 22–32% of the fare, the others 5–18%, so the 20% label is never a coin toss.
   */
  private static double tipRate(int hour, double distance, int passengers, Random random) {
    boolean night = hour >= 20 || hour < 5;
    double logit = -1.0 + 2.0 * (night ? 1 : 0) + 1.2 * (passengers >= 3 ? 1 : 0) - 0.08 * distance;
    boolean generous = random.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
    return generous ? 0.22 + random.nextDouble() * 0.10 : 0.05 + random.nextDouble() * 0.13;
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
