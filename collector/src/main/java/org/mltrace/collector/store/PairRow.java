package org.mltrace.collector.store;

/**
 * A {@code task_pairs} row: an identifier's latest prediction and latest label, and where its
 * contribution is counted while both are there ({@code seq}, {@code bucket}, {@code bin} null
 * before).
 */
public record PairRow(
    String task,
    String id,
    Double prediction,
    Long predictedAt,
    String predictionRun,
    Double label,
    Long labelledAt,
    String labelSource,
    Long seq,
    Long bucket,
    Integer bin) {

  public static PairRow empty(String task, String id) {
    return new PairRow(task, id, null, null, null, null, null, null, null, null, null);
  }

  /** Whether the pair is counted in a bucket. */
  public boolean joined() {
    return bucket != null;
  }

  public PairRow withPrediction(double value, long at, String run) {
    return new PairRow(task, id, value, at, run, label, labelledAt, labelSource, seq, bucket, bin);
  }

  public PairRow withLabel(double value, long at, String source) {
    return new PairRow(
        task, id, prediction, predictedAt, predictionRun, value, at, source, seq, bucket, bin);
  }

  public PairRow countedAt(long seq, long bucket, int bin) {
    return new PairRow(
        task,
        id,
        prediction,
        predictedAt,
        predictionRun,
        label,
        labelledAt,
        labelSource,
        seq,
        bucket,
        bin);
  }
}
