package org.mltrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.core.queue.AgentIdentity;
import org.mltrace.agent.core.queue.EventWriter;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.FileFacts;
import org.mltrace.agent.event.RunEventEncoder;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;

/**
 * How many run events a second the agent's queue writer thread sustains, against what Chronicle
 * Queue appends alone on the same machine, in the same process. Not JMH: the writer is a thread of
 * its own, fed through its buffer, so this keeps the buffer between a quarter and three quarters
 * full (the writer never waits for work and never drops) and times N runs written. The N runs cycle
 * through {@value #DISTINCT_RUNS} distinct ones: in a traced application the writer encodes each
 * run shortly after the call made it, while it is still in the CPU's caches, not one of millions
 * made long before.
 *
 * <p>Three figures per event shape, each the best of the rounds:
 *
 * <ul>
 *   <li>{@code append}: the encoded bytes of one event appended N times with Chronicle's own API,
 *       nothing else (the library's limit);
 *   <li>{@code encode+append}: N distinct runs encoded ({@link RunEventEncoder}) and appended on
 *       one thread;
 *   <li>{@code writer}: N distinct runs submitted to an {@link EventWriter} and written by its
 *       thread; also the writer thread's CPU time per event.
 * </ul>
 *
 * Shapes: {@code small} (two primitive inputs and a double return, as a scoring method) and {@code
 * bench} (three inputs, three outputs: two file pointers with fingerprints, a summarized array, as
 * {@code mltrace bench} writes). Run:
 *
 * <pre>
 * mvn -q -DskipTests package
 * benchmarks/writer-throughput.sh [EVENTS] [ROUNDS]     (default 300000 5)
 * </pre>
 */
public final class WriterThroughput {
  static final int DISTINCT_RUNS = 4096;

  private WriterThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean writerOnly =
        args.length > 2
            && args[2].equals(
                "--writer-only"); // e.g. with an older agent core first on the class path
    System.out.printf(
        "%d events a round, best of %d rounds; %s; load %s%n",
        n,
        rounds,
        System.getProperty("java.vm.version"),
        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    for (String shape : List.of("small", "bench")) {
      CompletedRun[] runs = runs(shape, DISTINCT_RUNS);
      double append = 0, encodeAppend = 0, writer = 0, writerCpu = Double.MAX_VALUE;
      int bytes = 0;
      for (int r = 0; r < rounds; r++) {
        Path dir = Files.createTempDirectory("mltrace-writer-bench");
        if (!writerOnly) {
          byte[] event = encoded(runs[0]);
          bytes = event.length;
          append = Math.max(append, rawAppend(dir.resolve("raw"), event, n));
          encodeAppend = Math.max(encodeAppend, encodeAndAppend(dir.resolve("encoded"), runs, n));
        }
        double[] w = throughEventWriter(dir.resolve("writer"), runs, n);
        writer = Math.max(writer, w[0]);
        writerCpu = Math.min(writerCpu, w[1]);
      }
      System.out.printf(
          "%-5s (%d bytes/event): append %,.0f events/s | encode+append %,.0f events/s (%.2f of append) | "
              + "writer %,.0f events/s (%.2f of append), writer thread CPU %.0f ns/event%n",
          shape,
          bytes,
          append,
          encodeAppend,
          encodeAppend / append,
          writer,
          writer / append,
          writerCpu);
    }
  }

  private static byte[] encoded(CompletedRun run) {
    RunEventEncoder encoder = new RunEventEncoder("agentB", "bench-host", 4242, "c0ffee");
    encode(encoder, run);
    return encoder.toByteArray();
  }

  private static double rawAppend(Path dir, byte[] event, int n) {
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build()) {
      ExcerptAppender appender = queue.createAppender();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().write(event);
        }
      }
      return n * 1e9 / (System.nanoTime() - t0);
    }
  }

  private static double encodeAndAppend(Path dir, CompletedRun[] runs, int n) {
    RunEventEncoder encoder = new RunEventEncoder("agentB", "bench-host", 4242, "c0ffee");
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).build()) {
      ExcerptAppender appender = queue.createAppender();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        encode(encoder, runs[i % runs.length]);
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().write(encoder.array(), 0, encoder.length());
        }
      }
      return n * 1e9 / (System.nanoTime() - t0);
    }
  }

  /** Events a second and the writer thread's CPU nanoseconds per event. */
  private static double[] throughEventWriter(Path dir, CompletedRun[] runs, int n)
      throws Exception {
    int capacity = 16_384;
    EventWriter writer =
        new EventWriter(
            dir,
            new AgentIdentity("agentB", 4242, "c0ffee"),
            capacity,
            new Samplers(),
            CircuitBreaker.never(),
            64L << 30);
    writer.start();
    long base = AgentCounters.writtenCount();
    writer.submit(runs[0]); // the queue is open once it is written
    while (AgentCounters.writtenCount() - base < 1) {
      Thread.sleep(1);
    }
    Thread writerThread =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("mltrace-writer") && t.isAlive())
            .reduce((a, b) -> b.getId() > a.getId() ? b : a)
            .orElseThrow();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getThreadCpuTime(writerThread.getId());
    long t0 = System.nanoTime();
    base = AgentCounters.writtenCount();
    int submitted = 0;
    while (submitted < n) {
      long written = AgentCounters.writtenCount() - base;
      if (submitted - written < capacity * 3 / 4) {
        writer.submit(runs[submitted++ % runs.length]);
      } else {
        Thread.onSpinWait();
      }
    }
    while (AgentCounters.writtenCount() - base < n) {
      Thread.onSpinWait();
    }
    long elapsed = System.nanoTime() - t0;
    long cpu = mx.getThreadCpuTime(writerThread.getId()) - cpu0;
    writer.close(10_000);
    return new double[] {n * 1e9 / elapsed, (double) cpu / n};
  }

  private static void encode(RunEventEncoder encoder, CompletedRun r) {
    MethodPlan p = r.plan();
    encoder.encode(
        r.sequence(),
        p.component(),
        p.method(),
        r.thread(),
        r.startEpochMicros(),
        r.endEpochMicros(),
        r.durationNanos(),
        p.codeVersion(),
        r.failed(),
        r.errorClass(),
        r.errorMessage(),
        r.inputs(),
        r.outputs(),
        0);
  }

  private static CompletedRun[] runs(String shape, int n) {
    MethodPlan plan =
        shape.equals("small")
            ? new MethodPlan("step", "app.Serve#step(ID)D", "0123456789abcdef", List.of())
            : new MethodPlan(
                "bench_stage",
                "com.acme.Bench#stage(Ljava/nio/file/Path;JLjava/lang/String;)Ljava/nio/file/Path;",
                "0123456789abcdef",
                List.of());
    CompletedRun[] runs = new CompletedRun[n];
    long start = 1_700_000_000_000_000L;
    for (int i = 0; i < n; i++) {
      List<CapturedValue> in;
      List<CapturedValue> out;
      if (shape.equals("small")) {
        in =
            List.of(
                new CapturedValue(
                    "i", ValueKind.LONG, Integer.toString(i), null, "java.lang.Integer", -1),
                new CapturedValue(
                    "x",
                    ValueKind.DOUBLE,
                    Double.toString(i * 0.001),
                    null,
                    "java.lang.Double",
                    -1));
        out =
            List.of(
                new CapturedValue(
                    "return",
                    ValueKind.DOUBLE,
                    Double.toString(i * 0.5),
                    null,
                    "java.lang.Double",
                    -1));
      } else {
        in =
            List.of(
                new CapturedValue(
                    "in",
                    ValueKind.POINTER,
                    "/bench/data/part-" + i + ".csv",
                    "data",
                    "sun.nio.fs.UnixPath",
                    10_240,
                    null,
                    new FileFacts(start / 1000 + i, "xxh64:0123456789abcdef")),
                new CapturedValue("epochs", ValueKind.LONG, "12", null, "java.lang.Integer", -1),
                new CapturedValue(
                    "mode", ValueKind.STRING, "mode-" + (i % 7), null, "java.lang.String", 6));
        out =
            List.of(
                new CapturedValue(
                    "return",
                    ValueKind.POINTER,
                    "/bench/data/part-" + (i + 1) + ".csv",
                    "data",
                    "sun.nio.fs.UnixPath",
                    10_240,
                    null,
                    new FileFacts(start / 1000 + i + 1, "xxh64:fedcba9876543210")),
                new CapturedValue(
                    "loss",
                    ValueKind.DOUBLE,
                    Double.toString(1.0 / (i + 1)),
                    "metric",
                    "java.lang.Double",
                    -1),
                new CapturedValue(
                    "weights",
                    ValueKind.POINTER,
                    "mem://agentB/double[]@" + i,
                    "data",
                    "double[]",
                    100_000,
                    new ValueSummary(
                        "number", "stride", 100_000, 1024, 0, 0, -1.5, 2.5, 0.25, 0.75, 1000),
                    null));
      }
      runs[i] =
          new CompletedRun(
              plan,
              i + 1,
              start + i * 20L,
              start + i * 20L + 9,
              9_000,
              "main",
              false,
              null,
              null,
              in,
              out);
    }
    return runs;
  }
}
