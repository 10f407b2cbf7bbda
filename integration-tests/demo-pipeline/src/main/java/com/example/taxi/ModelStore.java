package com.example.taxi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads {@link LogisticModel}s in a small binary format: magic {@code TXLR}, format
 * version, column names, then means, scales, weights and bias as doubles. Same model, same bytes.
 */
public final class ModelStore {

  static final String STAGE = "save_model";

  private static final int MAGIC = 0x54584c52; // "TXLR"
  private static final int VERSION = 1;

  private ModelStore() {}

  /**
   * Writes {@code model} to {@code modelFile}, replacing it.
   *
   * @return {@code modelFile}
   */
  public static Path save(LogisticModel model, Path modelFile) throws IOException {
    if (FailureInjection.armedFor(STAGE)) {
      throw new IllegalStateException("injected failure in " + STAGE);
    }
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(modelFile)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      List<String> columns = model.columnNames();
      out.writeInt(columns.size());
      for (String column : columns) {
        out.writeUTF(column);
      }
      writeDoubles(out, model.means());
      writeDoubles(out, model.scales());
      writeDoubles(out, model.weights());
      out.writeDouble(model.bias());
    }
    return modelFile;
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws IOException naming the file when it is not a model file of this format version, or is
   *     cut short
   */
  public static LogisticModel load(Path modelFile) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(modelFile)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(modelFile + ": not a taxi model file (bad magic number)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(
            modelFile + ": model format version " + version + ", expected " + VERSION);
      }
      int width = in.readInt();
      List<String> columns = new ArrayList<>(width);
      for (int j = 0; j < width; j++) {
        columns.add(in.readUTF());
      }
      double[] means = readDoubles(in, width);
      double[] scales = readDoubles(in, width);
      double[] weights = readDoubles(in, width);
      return new LogisticModel(columns, means, scales, weights, in.readDouble());
    } catch (EOFException e) {
      throw new IOException(modelFile + ": model file is truncated", e);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static double[] readDoubles(DataInputStream in, int count) throws IOException {
    double[] values = new double[count];
    for (int j = 0; j < count; j++) {
      values[j] = in.readDouble();
    }
    return values;
  }
}
