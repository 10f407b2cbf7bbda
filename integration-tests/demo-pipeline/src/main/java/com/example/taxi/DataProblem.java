package com.example.taxi;

import java.util.Locale;

/**
 * The {@code --data-problem} switch: a defect in the day's raw data, as real meter exports have
 * them, so that mltrace's triggers have something to catch without editing the pipeline.
 */
enum DataProblem {
  /** Clean data, apart from the 2% of broken rows every export has. */
  NONE,
  /** A meter firmware bug blanks the fare of about a third of the trips (a burst of nulls). */
  NULLS,
  /** A fare hike: every fare is 60% higher, so the fare distribution drifts. */
  DRIFT;

  private static volatile DataProblem current = NONE;

  static DataProblem current() {
    return current;
  }

  static void set(DataProblem problem) {
    current = problem == null ? NONE : problem;
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  static DataProblem parse(String value) {
    for (DataProblem p : values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--data-problem '" + value + "' is not one of none, nulls, drift");
  }
}
