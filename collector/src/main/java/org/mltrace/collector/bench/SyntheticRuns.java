package org.mltrace.collector.bench;

import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;

/**
 * Writes N synthetic runs straight into a Chronicle queue, encoded as the agent encodes them: five
 * components in a chain, each run with 3 inputs (the previous run's output file, a number, a
 * string) and 3 outputs (a file, a double, and an in-memory {@code double[]} with its summary), one
 * millisecond apart, so that every run after the first depends on the one before it through a file.
 */
final class SyntheticRuns {
  static final String AGENT = "benchagent01";
  private static final long T0_MICROS = 1_767_225_600_000_000L;
  private static final List<String> COMPONENTS =
      List.of("ingest", "clean", "featurize", "train", "score");

  private SyntheticRuns() {}

  /** Appends the component declarations and {@code runs} runs; returns the bytes appended. */
  static long write(Path queueDir, int runs) {
    long bytes = 0;
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(queueDir.toFile()).build();
        ExcerptAppender appender = queue.createAppender()) {
      for (String c : COMPONENTS) {
        bytes +=
            append(
                appender,
                EventCodec.encode(
                    new ComponentEvent(
                        c,
                        "synthetic " + c,
                        "bench",
                        List.of("bench"),
                        List.of(
                            "org.bench.Stage#"
                                + c
                                + "(java.nio.file.Path, int, java.lang.String)"))));
      }
      for (int i = 0; i < runs; i++) {
        bytes += append(appender, EventCodec.encode(run(i)));
      }
    }
    return bytes;
  }

  static RunEvent run(int i) {
    String component = COMPONENTS.get(i % COMPONENTS.size());
    long start = T0_MICROS + i * 1000L;
    List<CapturedValue> inputs =
        List.of(
            file("in", i == 0 ? "/bench/raw.csv" : "/bench/data/part-" + (i - 1) + ".csv"),
            new CapturedValue(
                "epochs",
                ValueKind.LONG,
                String.valueOf(10 + i % 7),
                null,
                "java.lang.Integer",
                -1),
            new CapturedValue(
                "mode", ValueKind.STRING, "mode-" + (i % 3), null, "java.lang.String", 6));
    List<CapturedValue> outputs =
        List.of(
            file("return", "/bench/data/part-" + i + ".csv"),
            new CapturedValue(
                "loss",
                ValueKind.DOUBLE,
                String.valueOf(1.0 / (i + 1)),
                null,
                "java.lang.Double",
                -1),
            weights(i));
    return new RunEvent(
        AGENT + "-" + (i + 1),
        component,
        "org.bench.Stage#"
            + component
            + "(Ljava/nio/file/Path;ILjava/lang/String;)Ljava/nio/file/Path;",
        AGENT,
        "bench-host",
        4242,
        "main",
        start,
        start + 500,
        500_000,
        "0123456789abcdef",
        null,
        false,
        null,
        null,
        inputs,
        outputs);
  }

  /** An in-memory array output, summarized as the agent does (1,024 of 100,000 sampled). */
  private static CapturedValue weights(int i) {
    ValueSummary summary =
        new ValueSummary(
            "number", "stride", 100_000, 1024, 0, 0, -1.5, 2.5 + i % 10, 0.25, 0.75, 1000);
    return new CapturedValue(
        "weights",
        ValueKind.POINTER,
        "mem://" + AGENT + "/double[]@" + (i + 1),
        "data",
        "double[]",
        100_000,
        summary,
        null);
  }

  private static CapturedValue file(String name, String path) {
    return new CapturedValue(name, ValueKind.POINTER, path, "data", "sun.nio.fs.UnixPath", 4096);
  }

  private static int append(ExcerptAppender appender, byte[] event) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(event);
    }
    return event.length;
  }
}
