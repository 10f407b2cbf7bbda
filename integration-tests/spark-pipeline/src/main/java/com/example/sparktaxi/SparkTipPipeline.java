package com.example.sparktaxi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The taxi tip pipeline on Apache Spark MLlib, in local mode: train on a raw CSV, publish the
 * model, load it back and score a batch, as a nightly job would.
 *
 * <pre>
 * WORKDIR/raw/trips.csv     generated training trips (seeded)
 * WORKDIR/batch/trips.csv   generated trips to score (another seed, no label)
 * WORKDIR/model/            the saved PipelineModel
 * WORKDIR/predictions/      the batch's predictions, CSV part files written by Spark
 * </pre>
 *
 * <p>Usage: {@code SparkTipPipeline WORKDIR [--trips N] [--seed N]}. The model directory is
 * overwritten; WORKDIR/predictions must not exist yet (Spark refuses to write over it).
 */
public final class SparkTipPipeline {
  private SparkTipPipeline() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SparkTipPipeline WORKDIR [--trips N] [--seed N]");
      System.exit(2);
    }
    Path work = Path.of(args[0]).toAbsolutePath().normalize();
    int trips = 4000;
    long seed = 42;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--trips" -> trips = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path raw = work.resolve("raw").resolve("trips.csv");
    Path batch = work.resolve("batch").resolve("trips.csv");
    TripCsv.write(raw, trips, seed, true);
    TripCsv.write(batch, trips / 4, seed + 1, false);

    SparkSession spark =
        SparkSession.builder()
            .appName("spark-tip-pipeline")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      run(spark, work, raw, batch);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, Path work, Path raw, Path batch) throws IOException {
    Dataset<Row> training =
        spark.read().option("header", "true").schema(TripCsv.TRAINING_SCHEMA).csv(raw.toString());
    System.out.println("read " + training.count() + " training trips from " + raw);

    PipelineModel model = tipPipeline().fit(training);
    LogisticRegressionModel classifier = (LogisticRegressionModel) model.stages()[3];
    System.out.printf(
        Locale.ROOT,
        "fitted logistic regression: intercept %.4f after %d iterations%n",
        classifier.intercept(),
        classifier.summary().totalIterations());

    String modelDir = work.resolve("model").toString();
    model.write().overwrite().save(modelDir);
    System.out.println("saved the pipeline model to " + modelDir);

    PipelineModel published = PipelineModel.load(modelDir);
    Dataset<Row> toScore =
        spark.read().option("header", "true").schema(TripCsv.BATCH_SCHEMA).csv(batch.toString());
    Dataset<Row> predictions = published.transform(toScore);
    String predictionsDir = work.resolve("predictions").toString();
    predictions.write().option("header", "true").csv(predictionsDir);
    System.out.println("wrote predictions to " + predictionsDir);
  }

  /** Index the payment type, assemble and scale the features, classify, keep the report columns. */
  static Pipeline tipPipeline() {
    StringIndexer payment =
        new StringIndexer()
            .setInputCol("payment_type")
            .setOutputCol("payment_index")
            .setHandleInvalid("keep");
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(
                new String[] {"payment_index", "passengers", "distance_km", "fare", "hour"})
            .setOutputCol("features");
    StandardScaler scaler =
        new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true);
    LogisticRegression classifier =
        new LogisticRegression()
            .setFeaturesCol("scaled")
            .setLabelCol("tipped")
            .setMaxIter(30)
            .setRegParam(0.01);
    SQLTransformer report =
        new SQLTransformer()
            .setStatement(
                "SELECT trip_id, payment_type, distance_km, fare, prediction FROM __THIS__");
    return new Pipeline()
        .setStages(new PipelineStage[] {payment, assembler, scaler, classifier, report});
  }
}
