package com.example.taxi;

import java.util.Locale;

/**
 * One taxi trip, as a line of {@code raw.csv} or {@code clean.csv}.
 *
 * @param fare the metered fare in dollars, {@link Double#NaN} when the meter recorded none
 * @param paymentType {@code card} or {@code cash}; cash tips are not recorded (always zero)
 */
record TripRecord(
    long tripId,
    int pickupHour,
    double distanceKm,
    int passengers,
    double fare,
    String paymentType,
    double tip) {

  static final String HEADER = "trip_id,pickup_hour,distance_km,passengers,fare,payment_type,tip";

  private static final int COLUMNS = 7;

  /**
   * Parses one data line. An empty fare parses as {@link Double#NaN}.
   *
   * @throws IllegalArgumentException when the line does not have seven columns or a number does not
   *     parse
   */
  static TripRecord parse(String line) {
    String[] cells = line.split(",", -1);
    if (cells.length != COLUMNS) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS + " columns but found " + cells.length + ": " + line);
    }
    return new TripRecord(
        Long.parseLong(cells[0]),
        Integer.parseInt(cells[1]),
        Double.parseDouble(cells[2]),
        Integer.parseInt(cells[3]),
        cells[4].isEmpty() ? Double.NaN : Double.parseDouble(cells[4]),
        cells[5],
        Double.parseDouble(cells[6]));
  }

  String toCsv() {
    String fareCell = Double.isNaN(fare) ? "" : String.format(Locale.ROOT, "%.2f", fare);
    return String.format(
        Locale.ROOT,
        "%d,%d,%.2f,%d,%s,%s,%.2f",
        tripId,
        pickupHour,
        distanceKm,
        passengers,
        fareCell,
        paymentType,
        tip);
  }

  boolean paidByCard() {
    return "card".equals(paymentType);
  }

  /** The label the model learns: a tip above 20% of the fare. */
  boolean generousTip() {
    return tip > 0.2 * fare;
  }
}
