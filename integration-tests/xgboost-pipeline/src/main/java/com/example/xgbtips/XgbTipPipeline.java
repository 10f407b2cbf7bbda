package com.example.xgbtips;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A tip classifier on XGBoost4J: train on generated trips, save the booster, load it back as a
 * serving job would, and score a batch.
 *
 * <pre>
 * WORKDIR/model.json        the saved booster (XGBoost's JSON format)
 * WORKDIR/predictions.csv   trip,probability for the scored batch
 * </pre>
 *
 * <p>Usage: {@code XgbTipPipeline WORKDIR}. Seeded and single-threaded, so two runs write the same
 * bytes.
 */
public final class XgbTipPipeline {
  static final int FEATURES = 4;
  static final int ROUNDS = 20;

  private XgbTipPipeline() {}

  public static void main(String[] args) throws IOException, XGBoostError {
    Path work = Path.of(args[0]).toAbsolutePath().normalize();
    Files.createDirectories(work);
    Trips training = Trips.generate(600, 42);
    Trips batch = Trips.generate(100, 43);

    DMatrix train = new DMatrix(training.features(), training.rows(), FEATURES, Float.NaN);
    train.setLabel(training.labels());
    Booster booster = XGBoost.train(train, params(), ROUNDS, new HashMap<>(), null, null);
    String modelPath = work.resolve("model.json").toString();
    booster.saveModel(modelPath);
    System.out.println(
        "trained "
            + ROUNDS
            + " rounds on "
            + training.rows()
            + " trips, saved "
            + work.relativize(Path.of(modelPath)));

    Booster served = XGBoost.loadModel(modelPath);
    DMatrix toScore = new DMatrix(batch.features(), batch.rows(), FEATURES, Float.NaN);
    float[][] predictions = served.predict(toScore);
    Path out = work.resolve("predictions.csv");
    writePredictions(out, predictions);
    double tipped = 0;
    for (float[] p : predictions) {
      tipped += p[0] >= 0.5f ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT, "scored %d trips, %.0f predicted to tip%n", predictions.length, tipped);
  }

  /** Single-threaded and seeded: the same model bytes on every run. */
  static Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("objective", "binary:logistic");
    params.put("max_depth", 3);
    params.put("eta", 0.3);
    params.put("nthread", 1);
    params.put("seed", 7);
    params.put("verbosity", 0);
    return params;
  }

  static void writePredictions(Path out, float[][] predictions) throws IOException {
    StringBuilder csv = new StringBuilder("trip,probability\n");
    for (int i = 0; i < predictions.length; i++) {
      csv.append(String.format(Locale.ROOT, "%d,%.6f%n", i, predictions[i][0]));
    }
    Files.writeString(out, csv, StandardCharsets.UTF_8);
  }

  /** Generated trips: distance, fare, hour, passengers; tipped when long, late trips pay well. */
  record Trips(float[] features, float[] labels, int rows) {
    static Trips generate(int rows, long seed) {
      Random random = new Random(seed);
      float[] features = new float[rows * FEATURES];
      float[] labels = new float[rows];
      for (int r = 0; r < rows; r++) {
        float distance = 0.5f + 20 * random.nextFloat();
        float fare = 3 + 1.8f * distance + 2 * (float) random.nextGaussian();
        float hour = random.nextInt(24);
        float passengers = 1 + random.nextInt(4);
        features[r * FEATURES] = distance;
        features[r * FEATURES + 1] = fare;
        features[r * FEATURES + 2] = hour;
        features[r * FEATURES + 3] = passengers;
        double score =
            0.15 * distance + (hour >= 18 ? 1 : 0) - 0.3 * passengers + 0.5 * random.nextGaussian();
        labels[r] = score > 1 ? 1 : 0;
      }
      return new Trips(features, labels, rows);
    }
  }
}
