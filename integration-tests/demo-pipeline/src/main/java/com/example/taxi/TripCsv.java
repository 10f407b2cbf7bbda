package com.example.taxi;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the trip CSV files that the stages hand to each other. */
final class TripCsv {

  private TripCsv() {}

  /**
   * Returns every data line of {@code file}, after checking its header.
   *
   * @throws IllegalArgumentException when the file is empty or its header is not {@link
   *     TripRecord#HEADER}
   */
  static List<String> dataLines(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (!TripRecord.HEADER.equals(header)) {
        throw new IllegalArgumentException(
            file + ": expected header '" + TripRecord.HEADER + "' but found '" + header + "'");
      }
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /**
   * Parses every data line of {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line when a line does not parse
   */
  static List<TripRecord> read(Path file) throws IOException {
    List<String> lines = dataLines(file);
    List<TripRecord> trips = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      try {
        trips.add(TripRecord.parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 2) + ": " + e.getMessage(), e);
      }
    }
    return trips;
  }
}
