package com.example.taxi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Turns clean trips into model features and the generous-tip label (tip above 20% of fare). */
public final class Featurizer {

  static final String STAGE = "featurize";

  /** The feature columns, in the order of each row. */
  static final List<String> COLUMNS =
      List.of("card_payment", "night_pickup", "distance_km", "passengers", "fare");

  private Featurizer() {}

  /**
   * Reads {@code cleanCsv} into memory.
   *
   * @throws IllegalArgumentException naming the file and line when a row does not parse or has no
   *     fare (the file was not cleaned)
   */
  public static FeatureTable featurize(Path cleanCsv) throws IOException {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    List<TripRecord> trips = TripCsv.read(cleanCsv);
    double[][] features = new double[trips.size()][];
    int[] labels = new int[trips.size()];
    // The fare column on its own: the feature whose distribution drifts when prices change.
    double[] fares = new double[trips.size()];
    for (int i = 0; i < trips.size(); i++) {
      TripRecord trip = trips.get(i);
      try {
        features[i] = featuresOf(trip);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(cleanCsv + ":" + (i + 2) + ": " + e.getMessage(), e);
      }
      labels[i] = trip.generousTip() ? 1 : 0;
      fares[i] = trip.fare();
    }
    return new FeatureTable(COLUMNS, features, labels);
  }

  /**
   * The feature row of one trip, in {@link #COLUMNS} order. Batch inference uses the same code, so
   * training and serving cannot drift apart.
   *
   * @throws IllegalArgumentException when the trip has no fare
   */
  static double[] featuresOf(TripRecord trip) {
    if (Double.isNaN(trip.fare())) {
      throw new IllegalArgumentException("trip " + trip.tripId() + " has no fare");
    }
    boolean night = trip.pickupHour() >= 20 || trip.pickupHour() < 5;
    return new double[] {
      trip.paidByCard() ? 1 : 0, night ? 1 : 0, trip.distanceKm(), trip.passengers(), trip.fare()
    };
  }
}
