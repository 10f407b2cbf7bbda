package com.example.frames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code FramePipeline WORKDIR}: writes WORKDIR/raw.csv, reads it into a {@link Frame}, fits a
 * {@link MeanModel} and writes WORKDIR/report.txt. Deterministic, so two runs write the same bytes.
 */
public final class FramePipeline {
  private FramePipeline() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]).toAbsolutePath().normalize();
    Files.createDirectories(work);
    Path raw = work.resolve("raw.csv");
    writeRaw(raw, 200);
    Frame frame = read(raw);
    MeanModel model = train(frame);
    Path report = work.resolve("report.txt");
    report(model, frame, report);
    System.out.printf(
        Locale.ROOT, "trained on %d rows, mean fare %.4f%n", frame.rows().size(), model.mean());
  }

  /** Generated trips: distance and fare, seeded by the row number only. */
  static void writeRaw(Path path, int rows) throws IOException {
    StringBuilder csv = new StringBuilder("distance_km,fare\n");
    for (int i = 0; i < rows; i++) {
      double distance = 1 + (i * 37 % 100) / 10.0;
      csv.append(String.format(Locale.ROOT, "%.1f,%.2f%n", distance, 2.5 + 1.7 * distance));
    }
    Files.writeString(path, csv, StandardCharsets.UTF_8);
  }

  /** Not a component: only the Frame's plugin can say where a Frame came from. */
  static Frame read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
    }
    return new Frame(Arrays.asList(lines.get(0).split(",")), rows, csv);
  }

  static MeanModel train(Frame frame) {
    int fare = frame.columns().indexOf("fare");
    return new MeanModel(
        frame.rows().stream().mapToDouble(r -> r[fare]).average().orElse(Double.NaN));
  }

  static void report(MeanModel model, Frame frame, Path out) throws IOException {
    Files.writeString(
        out,
        String.format(Locale.ROOT, "rows=%d%nmean_fare=%.6f%n", frame.rows().size(), model.mean()),
        StandardCharsets.UTF_8);
  }
}
