package com.example.taxi;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the stages in order inside a work directory: {@code raw.csv}, {@code clean.csv}, {@code
 * model.bin}, {@code predictions.csv}. Featurize, split, train, evaluate and save hand their
 * results over in memory; the other stages meet through files.
 *
 * <p>Exit codes: 0 on success, 2 for a bad command line. A failing stage is not caught: the JVM
 * prints its stack trace and exits with 1, as any Java program would.
 */
public final class TaxiPipeline {

  static final double TEST_FRACTION = 0.2;
  static final int EPOCHS = 300;
  static final double LEARNING_RATE = 0.5;

  private TaxiPipeline() {}

  public static void main(String[] args) throws IOException {
    PipelineOptions options;
    try {
      options = PipelineOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("taxi-pipeline: " + e.getMessage());
      System.err.println(PipelineOptions.USAGE);
      System.exit(2);
      return;
    }
    run(options, System.out);
  }

  /** Runs the whole pipeline and prints a short summary to {@code out}. */
  static void run(PipelineOptions options, PrintStream out) throws IOException {
    FailureInjection.arm(options.failStage());
    DataProblem.set(options.dataProblem());
    try {
      Path workdir = Files.createDirectories(options.workdir());
      out.printf(
          "taxi pipeline in %s (trips=%d, seed=%d)%n", workdir, options.trips(), options.seed());

      Path raw =
          TripGenerator.generate(workdir.resolve("raw.csv"), options.trips(), options.seed());
      Path clean = Cleaner.clean(raw, workdir.resolve("clean.csv"));
      int rawRows = TripCsv.dataLines(raw).size();
      int cleanRows = TripCsv.dataLines(clean).size();
      out.printf("  clean      %d trips kept, %d dropped%n", cleanRows, rawRows - cleanRows);

      FeatureTable table = Featurizer.featurize(clean);
      TrainTestSplit split = Splitter.split(table, TEST_FRACTION, options.seed());
      LogisticModel model = Trainer.fit(split.train(), EPOCHS, LEARNING_RATE);
      out.printf(
          "  train      %d rows, %d features%n", split.train().rows(), table.columnNames().size());

      double accuracy = Evaluator.evaluate(model, split.test());
      out.printf("  evaluate   accuracy %.3f on %d test rows%n", accuracy, split.test().rows());

      Path modelFile = ModelStore.save(model, workdir.resolve("model.bin"));
      out.printf("  save_model %s%n", modelFile.getFileName());

      long predictions =
          BatchInference.predict(modelFile, clean, workdir.resolve("predictions.csv"));
      out.printf("  predict    %d predictions written to predictions.csv%n", predictions);
    } finally {
      FailureInjection.disarm();
      DataProblem.set(DataProblem.NONE);
    }
  }
}
