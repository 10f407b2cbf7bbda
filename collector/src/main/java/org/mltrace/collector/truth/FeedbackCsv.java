package org.mltrace.collector.truth;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A feedback file: a header {@code id,label} or {@code id,label,time}, then one label per line. A
 * field may be double-quoted (a comma inside, {@code ""} for a quote); blank lines are skipped.
 * {@code time} is an ISO-8601 instant ({@code 2026-11-29T08:00:00Z}) or date (midnight UTC), or
 * empty for the time of the import. Every bad line is reported with its line number; a file with
 * any is refused whole, so that a fixed file can simply be imported again.
 */
final class FeedbackCsv {
  /** At most this many problems are listed; the count says how many there were. */
  static final int MAX_PROBLEMS = 20;

  record Line(int number, String id, double label, Instant time) {}

  private FeedbackCsv() {}

  /**
   * @throws TaskException listing the file's problems
   */
  static List<Line> read(Path file, String kind) {
    List<String> problems = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    int errors = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      List<String> columns =
          header == null
              ? List.of()
              : split(header.strip()).stream()
                  .map(c -> c.strip().toLowerCase(Locale.ROOT))
                  .toList();
      if (!columns.equals(List.of("id", "label"))
          && !columns.equals(List.of("id", "label", "time"))) {
        throw new TaskException(
            org.mltrace.collector.MltraceException.Category.USAGE,
            file
                + ":1: expected the header 'id,label' or 'id,label,time', not '"
                + (header == null ? "" : header.strip())
                + "'",
            List.of());
      }
      String text;
      int number = 1;
      while ((text = in.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        String problem = null;
        List<String> f = split(text);
        Line line = null;
        if (f.size() != columns.size()) {
          problem =
              "expected "
                  + columns.size()
                  + " fields ("
                  + String.join(",", columns)
                  + "), found "
                  + f.size();
        } else if (f.get(0).isBlank()) {
          problem = "the id is empty";
        } else {
          Double label = Values.parse(kind, f.get(1));
          Instant time = f.size() == 3 ? time(f.get(2).strip()) : null;
          if (label == null) {
            problem = "label '" + f.get(1).strip() + "' is not " + Values.expected(kind);
          } else if (f.size() == 3 && !f.get(2).isBlank() && time == null) {
            problem =
                "time '"
                    + f.get(2).strip()
                    + "' is not an ISO-8601 instant (2026-11-29T08:00:00Z) or date (2026-11-29)";
          } else {
            line = new Line(number, f.get(0).strip(), label, time);
          }
        }
        if (problem != null && ++errors <= MAX_PROBLEMS) {
          problems.add(file + ":" + number + ": " + problem);
        } else if (line != null) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new TaskException(
          org.mltrace.collector.MltraceException.Category.IO,
          "cannot read " + file + ": " + e.getMessage(),
          List.of());
    }
    if (errors > 0) {
      throw new TaskException(
          org.mltrace.collector.MltraceException.Category.USAGE,
          file
              + ": "
              + errors
              + " bad line"
              + (errors == 1 ? "" : "s")
              + " (first: "
              + problems.get(0)
              + "); nothing stored",
          problems);
    }
    return lines;
  }

  private static Instant time(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The fields of one line: commas separate, double quotes enclose, {@code ""} is a quote. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
