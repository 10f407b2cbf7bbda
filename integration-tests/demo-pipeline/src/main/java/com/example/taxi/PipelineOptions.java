package com.example.taxi;

import java.nio.file.Path;

/**
 * The command line: {@code WORKDIR [--trips N] [--seed N] [--fail-stage STAGE] [--data-problem P]}.
 *
 * @param failStage the stage to make fail, or null
 * @param dataProblem the defect to put into the generated raw data
 */
record PipelineOptions(
    Path workdir, int trips, long seed, String failStage, DataProblem dataProblem) {

  static final String USAGE =
      "usage: taxi-pipeline WORKDIR [--trips N] [--seed N] [--fail-stage STAGE]"
          + " [--data-problem P]\n"
          + "  --trips N           trips to generate (default 5000, at least 10)\n"
          + "  --seed N            seed for the data and the split (default 42)\n"
          + "  --fail-stage STAGE  make STAGE throw, one of "
          + String.join(", ", FailureInjection.STAGES)
          + "\n  --data-problem P    none (default), nulls (a third of the fares blank) or drift"
          + " (fares 60% higher)";

  static final int DEFAULT_TRIPS = 5000;
  static final long DEFAULT_SEED = 42;

  /**
   * @throws IllegalArgumentException saying which argument is wrong and why
   */
  static PipelineOptions parse(String... args) {
    Path workdir = null;
    int trips = DEFAULT_TRIPS;
    long seed = DEFAULT_SEED;
    String failStage = null;
    DataProblem dataProblem = DataProblem.NONE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--trips" -> trips = parseNumber(arg, value(args, ++i, arg));
        case "--seed" -> seed = parseLong(arg, value(args, ++i, arg));
        case "--fail-stage" -> failStage = value(args, ++i, arg);
        case "--data-problem" -> dataProblem = DataProblem.parse(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-") || workdir != null) {
            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
          }
          workdir = Path.of(arg);
        }
      }
    }
    if (workdir == null) {
      throw new IllegalArgumentException("missing WORKDIR");
    }
    if (trips < 10) {
      throw new IllegalArgumentException("--trips must be at least 10 but was " + trips);
    }
    if (failStage != null && !FailureInjection.STAGES.contains(failStage)) {
      throw new IllegalArgumentException(
          "--fail-stage '" + failStage + "' is not one of " + FailureInjection.STAGES);
    }
    return new PipelineOptions(workdir, trips, seed, failStage, dataProblem);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int parseNumber(String option, String value) {
    long parsed = parseLong(option, value);
    if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(option + " is out of range: " + value);
    }
    return (int) parsed;
  }

  private static long parseLong(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " expects a whole number but got '" + value + "'");
    }
  }
}
