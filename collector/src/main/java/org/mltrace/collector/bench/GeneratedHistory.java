package org.mltrace.collector.bench;

import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * A realistic history for query benchmarks ({@code mltrace generate}): a DAG of {@code components}
 * components ({@code c0} ... {@code cN}) run once per cycle, cycles evenly spread over {@code days}
 * days ending at 2026-01-01T00:00:00Z.
 *
 * <ul>
 *   <li>{@code c0} reads the day's raw file ({@code /gen/raw/day-D.csv}, shared by every cycle of
 *       the day) and a reference file every run shares ({@code /gen/ref/lookup.csv});
 *   <li>{@code cJ} reads {@code cJ-1}'s output of the cycle, and from {@code c3} on also {@code
 *       cJ-3}'s (fan-in);
 *   <li>the middle component is the trainer: it runs every {@value #RETRAIN_EVERY}th cycle only and
 *       rewrites {@code /gen/model.bin}; the components after it read the latest model (and, in
 *       cycles without training, the output of the component before the trainer);
 *   <li>about 2% of runs fail (deterministically, by run number); every run outputs a {@code score}
 *       between 0 and 1 for {@code slice --where} and {@code history --metric}.
 * </ul>
 *
 * Exactly {@code runs} runs are written; the last cycle may be partial.
 */
final class GeneratedHistory {
  static final int RETRAIN_EVERY = 10;
  static final String AGENT = "genagent0001";
  private static final long END_MICROS = 1_767_225_600_000_000L;

  /** What was written. */
  record Summary(int runs, int cycles, int trainings, int failures) {}

  private final int runs;
  private final int components;
  private final int days;
  private final int trainer;

  GeneratedHistory(int runs, int components, int days) {
    if (runs < 1 || components < 2 || days < 1) {
      throw new IllegalArgumentException("need runs >= 1, components >= 2, days >= 1");
    }
    this.runs = runs;
    this.components = components;
    this.days = days;
    this.trainer = components / 2;
  }

  /** Appends the declarations and the runs to a Chronicle queue at {@code queueDir}. */
  Summary write(Path queueDir) {
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(queueDir.toFile()).build();
        ExcerptAppender appender = queue.createAppender()) {
      for (int c = 0; c < components; c++) {
        append(
            appender,
            EventCodec.encode(
                new ComponentEvent(
                    name(c),
                    c == trainer ? "trains the model" : "generated stage " + c,
                    c % 2 == 0 ? "team-a" : "team-b",
                    c == trainer ? List.of("model", "generated") : List.of("generated"),
                    List.of("org.gen.Stage" + c + "#run()"))));
      }
      int perCycle = components;
      int cycles = (int) Math.ceil(runs / (components - 1 + 1.0 / RETRAIN_EVERY));
      long spacing = Math.max(1, days * 86_400_000_000L / Math.max(1, cycles));
      long start0 = END_MICROS - (long) days * 86_400_000_000L;
      int written = 0;
      int trainings = 0;
      int failures = 0;
      int cycle = 0;
      for (; written < runs; cycle++) {
        long cycleStart = start0 + cycle * spacing;
        long step = Math.max(2, spacing / (perCycle + 1));
        boolean trains = cycle % RETRAIN_EVERY == 0;
        for (int c = 0; c < components && written < runs; c++) {
          if (c == trainer && !trains) {
            continue;
          }
          long start = cycleStart + c * step;
          boolean failed = written % 50 == 49;
          append(
              appender, EventCodec.encode(run(written, c, cycle, start, start + step / 2, failed)));
          written++;
          trainings += c == trainer ? 1 : 0;
          failures += failed ? 1 : 0;
        }
      }
      return new Summary(written, cycle, trainings, failures);
    }
  }

  private RunEvent run(int n, int c, int cycle, long start, long end, boolean failed) {
    int day = (int) ((start - (END_MICROS - (long) days * 86_400_000_000L)) / 86_400_000_000L);
    List<CapturedValue> inputs = new ArrayList<>();
    if (c == 0) {
      inputs.add(file("raw", "/gen/raw/day-" + day + ".csv"));
      inputs.add(file("lookup", "/gen/ref/lookup.csv"));
    } else {
      int previous = c - 1 == trainer && cycle % RETRAIN_EVERY != 0 ? c - 2 : c - 1;
      inputs.add(file("in", output(previous, cycle)));
      if (c >= 3) {
        inputs.add(file("side", output(c - 3 == trainer ? c - 4 : c - 3, cycle)));
      }
      if (c > trainer) {
        inputs.add(file("model", "/gen/model.bin"));
      }
    }
    double score = ((n * 2_654_435_761L) & 0xFFFF) / 65_536.0;
    List<CapturedValue> outputs =
        List.of(
            file("return", c == trainer ? "/gen/model.bin" : output(c, cycle)),
            new CapturedValue(
                "score",
                ValueKind.DOUBLE,
                Double.toString(score),
                "metric",
                "java.lang.Double",
                -1));
    return new RunEvent(
        AGENT + "-" + (n + 1),
        name(c),
        "org.gen.Stage" + c + "#run()V",
        AGENT,
        "gen-host",
        4242,
        "main",
        start,
        end,
        (end - start) * 1000,
        "c0de" + c,
        null,
        failed,
        failed ? "java.lang.IllegalStateException" : null,
        failed ? "generated failure" : null,
        inputs,
        outputs);
  }

  private static String name(int c) {
    return "c" + c;
  }

  private static String output(int c, int cycle) {
    return "/gen/c" + c + "/" + cycle + ".csv";
  }

  private static CapturedValue file(String name, String path) {
    return new CapturedValue(name, ValueKind.POINTER, path, "data", "java.io.File", 4096);
  }

  private static void append(ExcerptAppender appender, byte[] event) {
    try (DocumentContext dc = appender.writingDocument()) {
      dc.wire().bytes().write(event);
    }
  }
}
