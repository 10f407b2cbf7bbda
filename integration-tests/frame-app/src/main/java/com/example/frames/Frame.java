package com.example.frames;

import java.nio.file.Path;
import java.util.List;

/** An in-memory table: column names, numeric rows, and the file it was read from. */
public final class Frame {
  private final List<String> columns;
  private final List<double[]> rows;
  private final Path source;

  Frame(List<String> columns, List<double[]> rows, Path source) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.source = source;
  }

  public List<String> columns() {
    return columns;
  }

  public List<double[]> rows() {
    return rows;
  }

  /** The file this frame was read from. */
  public Path source() {
    return source;
  }
}
