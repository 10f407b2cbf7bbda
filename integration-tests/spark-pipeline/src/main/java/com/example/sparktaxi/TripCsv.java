package com.example.sparktaxi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a seeded, taxi-tip-like CSV: the same seed and count always give the same bytes.
 *
 * <p>Columns: {@code trip_id, payment_type, passengers, distance_km, fare, hour} and, for training
 * files, {@code tipped} (1 when the tip was at least 20% of the fare). Card payers, night trips and
 * longer trips tip more often; the label is drawn from a logistic model of those, so a logistic
 * regression can learn it but not perfectly.
 */
final class TripCsv {
  static final String TRAINING_SCHEMA =
      "trip_id INT, payment_type STRING, passengers INT, distance_km DOUBLE, fare DOUBLE, hour INT, tipped DOUBLE";
  static final String BATCH_SCHEMA =
      "trip_id INT, payment_type STRING, passengers INT, distance_km DOUBLE, fare DOUBLE, hour INT";

  private static final String[] PAYMENT_TYPES = {"card", "cash", "card", "app", "card", "cash"};

  private TripCsv() {}

  /** Writes {@code trips} rows to {@code file}, with the label column when {@code labelled}. */
  static void write(Path file, int trips, long seed, boolean labelled) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Random random = new Random(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          labelled
              ? "trip_id,payment_type,passengers,distance_km,fare,hour,tipped\n"
              : "trip_id,payment_type,passengers,distance_km,fare,hour\n");
      for (int i = 1; i <= trips; i++) {
        String payment = PAYMENT_TYPES[random.nextInt(PAYMENT_TYPES.length)];
        int passengers = 1 + random.nextInt(4);
        double distance = 0.5 + 25 * Math.pow(random.nextDouble(), 2);
        double fare = 3.0 + 1.9 * distance + 4 * random.nextDouble();
        int hour = random.nextInt(24);
        boolean night = hour >= 22 || hour < 5;
        double logit =
            -1.2
                + (payment.equals("cash") ? -1.5 : 0.9)
                + (night ? 0.8 : 0)
                + 0.04 * distance
                - 0.1 * passengers;
        boolean tipped = random.nextDouble() < 1 / (1 + Math.exp(-logit));
        out.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%d,%.2f,%.2f,%d",
                i,
                payment,
                passengers,
                distance,
                fare,
                hour));
        if (labelled) {
          out.write(tipped ? ",1" : ",0");
        }
        out.write('\n');
      }
    }
  }
}
