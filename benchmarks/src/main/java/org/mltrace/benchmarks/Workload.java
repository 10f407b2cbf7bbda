package org.mltrace.benchmarks;

/**
 * Pairs of identical methods: {@code traced*} are named in {@code bench.yaml}, {@code plain*} are
 * not. Kept in one class so both are compiled and inlined alike.
 */
public final class Workload {
  private Workload() {}

  /** An almost empty component: shows the absolute cost of one traced call. */
  public static long tracedTiny(int a, long b) {
    long sum = a + b;
    return sum;
  }

  public static long plainTiny(int a, long b) {
    long sum = a + b;
    return sum;
  }

  /** {@link #tracedTiny} with {@code sample: 0.01}: the cost of the sampling decision. */
  public static long tracedTinySampled(int a, long b) {
    long sum = a + b;
    return sum;
  }

  /** {@link #tracedTiny} with {@code sample: {max_per_second: 1000}}. */
  public static long tracedTinyRated(int a, long b) {
    long sum = a + b;
    return sum;
  }

  /** A small scoring step over an array: an in-memory pointer input, a double output. */
  public static double tracedScore(double[] features, double[] weights) {
    double score = 0;
    for (int i = 0; i < features.length; i++) {
      score += features[i] * weights[i];
    }
    return score;
  }

  public static double plainScore(double[] features, double[] weights) {
    double score = 0;
    for (int i = 0; i < features.length; i++) {
      score += features[i] * weights[i];
    }
    return score;
  }

  /** O(1) work on a big array: the traced twin's extra cost is the input's summary. */
  public static double tracedFirst(double[] values) {
    return values[0];
  }

  /**
   * The same, with a {@code psi} trigger on the input in bench.yaml: the summary also keeps its
   * sampled values (a second pass over at most sample_cap elements).
   */
  public static double tracedFirstForDrift(double[] values) {
    return values[0];
  }

  /** The same, with {@code capture: pointer} in bench.yaml: identity only, no summary. */
  public static double tracedFirstPointerOnly(double[] values) {
    return values[0];
  }

  public static double plainFirst(double[] values) {
    return values[0];
  }

  /** O(1) work on a file path: the traced twin's extra cost is stat plus the content hash. */
  public static int tracedOpen(java.nio.file.Path file) {
    return file.getNameCount();
  }

  public static int plainOpen(java.nio.file.Path file) {
    return file.getNameCount();
  }
}
