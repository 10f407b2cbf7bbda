package org.mltrace.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of a traced call on the application's thread, against the same method untraced, in the same
 * JVM. Run through {@link RunBenchmarks}, which attaches the agent to the forks.
 *
 * <p>{@code tiny*}: a method that does nothing, so the difference is the whole per-call cost.
 * {@code score*}: a dot product of {@code size} doubles, to see the ratio on real work. {@code
 * summary*}: O(1) work on a {@code size}-element {@code double[]} input, so the difference is the
 * input's summary (at most 1,024 elements read, whatever the size); {@code drift*}: the same with a
 * {@code psi} trigger declared on the input, so the summary also keeps its sample; {@code
 * pointerOnly*}: the same input with {@code capture: pointer} (no summary). {@code file*}: O(1)
 * work on a path input naming a {@code size}-byte file, so the difference is the stat and the
 * whole-file XXH64.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AgentCallBenchmark {
  @Param({"10000", "1000000"})
  int size;

  int a = 3;
  long b = 4;
  double[] features;
  double[] weights;
  java.nio.file.Path file;

  @Setup
  public void setUp() throws java.io.IOException {
    byte[] content = new byte[size];
    new java.util.Random(size).nextBytes(content);
    file = java.nio.file.Files.createTempFile("mltrace-bench", ".csv");
    java.nio.file.Files.write(file, content);
    file.toFile().deleteOnExit();
    features = new double[size];
    weights = new double[size];
    for (int i = 0; i < size; i++) {
      features[i] = i * 0.5;
      weights[i] = 1.0 / (i + 1);
    }
  }

  @Benchmark
  public long tinyPlain() {
    return Workload.plainTiny(a, b);
  }

  @Benchmark
  public long tinyTraced() {
    return Workload.tracedTiny(a, b);
  }

  @Benchmark
  public long sampledPlain() {
    return Workload.plainTiny(a, b);
  }

  @Benchmark
  public long sampledTraced() {
    return Workload.tracedTinySampled(a, b);
  }

  @Benchmark
  public long ratedPlain() {
    return Workload.plainTiny(a, b);
  }

  @Benchmark
  public long ratedTraced() {
    return Workload.tracedTinyRated(a, b);
  }

  @Benchmark
  public double scorePlain() {
    return Workload.plainScore(features, weights);
  }

  @Benchmark
  public double scoreTraced() {
    return Workload.tracedScore(features, weights);
  }

  @Benchmark
  public double summaryPlain() {
    return Workload.plainFirst(features);
  }

  @Benchmark
  public double summaryTraced() {
    return Workload.tracedFirst(features);
  }

  @Benchmark
  public double driftPlain() {
    return Workload.plainFirst(features);
  }

  @Benchmark
  public double driftTraced() {
    return Workload.tracedFirstForDrift(features);
  }

  @Benchmark
  public double pointerOnlyPlain() {
    return Workload.plainFirst(features);
  }

  @Benchmark
  public double pointerOnlyTraced() {
    return Workload.tracedFirstPointerOnly(features);
  }

  @Benchmark
  public int filePlain() {
    return Workload.plainOpen(file);
  }

  @Benchmark
  public int fileTraced() {
    return Workload.tracedOpen(file);
  }
}
