package org.mltrace.collector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mltrace.collector.Progress;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;

/**
 * {@code mltrace generate}: writes a {@link GeneratedHistory} into a temporary queue and drains it
 * into the database through the real ingest path (dependency inference included), so the history is
 * exactly what agents would have produced.
 */
public final class HistoryGenerator {
  /** What was generated and stored, and how long it took. */
  public record Result(
      int runs, int cycles, int trainings, int failures, long stored, double seconds) {}

  private HistoryGenerator() {}

  /**
   * @param progress told how many of the runs are stored (writing the queue is not reported: it
   *     takes a fraction of the time)
   * @throws IllegalArgumentException if runs, components or days are out of range
   */
  public static Result generate(
      String jdbcUrl, int runs, int components, int days, Progress progress) {
    GeneratedHistory history = new GeneratedHistory(runs, components, days);
    long t0 = System.nanoTime();
    Path queue;
    try {
      queue = Files.createTempDirectory("mltrace-generate");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      GeneratedHistory.Summary written = history.write(queue);
      DrainResult drained;
      try (Collector collector = Collector.open(jdbcUrl).reportingTo(progress)) {
        drained = collector.drain(queue);
      }
      return new Result(
          written.runs(),
          written.cycles(),
          written.trainings(),
          written.failures(),
          drained.runs(),
          (System.nanoTime() - t0) / 1e9);
    } finally {
      deleteQuietly(queue);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
