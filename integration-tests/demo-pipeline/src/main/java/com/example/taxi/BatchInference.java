package com.example.taxi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Scores a file of trips with a saved model, as a nightly batch job would. */
public final class BatchInference {

  static final String STAGE = "predict";

  static final String HEADER = "trip_id,tip_probability,generous_tip";

  private BatchInference() {}

  /**
   * Loads the model from {@code modelFile}, featurizes every trip of {@code inputCsv} the way
   * training did, and writes one prediction per trip to {@code predictionsCsv}, replacing it.
   *
   * @return the number of predictions written, one per input trip
   * @throws IllegalArgumentException naming the file and trip when a trip cannot be featurized (the
   *     input was not cleaned), or when the model was trained on other columns
   */
  public static long predict(Path modelFile, Path inputCsv, Path predictionsCsv)
      throws IOException {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    LogisticModel model = ModelStore.load(modelFile);
    if (!model.columnNames().equals(Featurizer.COLUMNS)) {
      throw new IllegalArgumentException(
          modelFile
              + ": model columns "
              + model.columnNames()
              + " but features are "
              + Featurizer.COLUMNS);
    }
    List<TripRecord> trips = TripCsv.read(inputCsv);
    // The scored trips and their probabilities, in file order (what a monitoring tool would join
    // to the tips once riders have paid).
    List<Long> tripIds = new ArrayList<>(trips.size());
    double[] scores = new double[trips.size()];
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(predictionsCsv, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.newLine();
      for (TripRecord trip : trips) {
        double[] features;
        try {
          features = Featurizer.featuresOf(trip);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(inputCsv + ": " + e.getMessage(), e);
        }
        double probability = model.probability(features);
        tripIds.add(trip.tripId());
        scores[(int) written] = probability;
        out.write(
            String.format(
                Locale.ROOT, "%d,%.4f,%d", trip.tripId(), probability, probability >= 0.5 ? 1 : 0));
        out.newLine();
        written++;
      }
    }
    return written;
  }
}
