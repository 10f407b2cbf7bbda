package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.query.SqlResult;

/** Plain text tables: a header line, then exactly one line per row. */
final class TableText {
  private TableText() {}

  /** The {@code sql} command's output: columns aligned and separated by {@code " | "}. */
  static String render(SqlResult result) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(result.columns());
    for (List<Object> row : result.rows()) {
      List<String> cells = new ArrayList<>(row.size());
      for (Object v : row) {
        cells.add(v == null ? "NULL" : TextFormat.oneLine(v.toString()));
      }
      rows.add(cells);
    }
    return aligned(rows, " | ");
  }

  static String aligned(List<List<String>> rows, String separator) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], Math.min(row.get(i).length(), 60));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        if (i > 0) {
          line.append(separator);
        }
        String cell = row.get(i);
        line.append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length())));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
