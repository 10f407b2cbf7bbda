package org.mltrace.collector.cli;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.store.Alert;

/** Prints alerts as an aligned table, one line each. */
final class AlertsText {
  private AlertsText() {}

  static String render(List<Alert> alerts, boolean all) {
    if (alerts.isEmpty()) {
      return all ? "no alerts\n" : "no open alerts\n";
    }
    long open = alerts.stream().filter(Alert::isOpen).count();
    StringBuilder out = new StringBuilder();
    out.append(open).append(" open");
    if (all) {
      out.append(", ").append(alerts.size() - open).append(" resolved");
    }
    out.append('\n');
    List<List<String>> rows = new ArrayList<>();
    List<String> header =
        new ArrayList<>(
            List.of(
                "ID", "STATUS", "COMPONENT", "TRIGGER", "OPENED", "BY RUN", "VALUE", "MESSAGE"));
    if (all) {
      header.add(6, "RESOLVED BY");
      header.add(6, "RESOLVED");
    }
    rows.add(header);
    for (Alert a : alerts) {
      List<String> row = new ArrayList<>();
      row.add("#" + a.id());
      row.add(a.status());
      row.add(a.component());
      row.add(a.triggerName() + " (" + a.phase() + " #" + a.position() + ")");
      row.add(TextFormat.time(a.openedAt()));
      row.add(a.openedByRun());
      if (all) {
        row.add(TextFormat.time(a.resolvedAt()));
        row.add(a.resolvedByRun() == null ? "-" : a.resolvedByRun());
      }
      row.add(valueVsThreshold(a));
      row.add(a.message() == null ? "" : TextFormat.oneLine(a.message()));
      rows.add(row);
    }
    out.append(TableText.aligned(rows, "  "));
    return out.toString();
  }

  private static String valueVsThreshold(Alert a) {
    if (a.value() == null) {
      return "-";
    }
    return a.value() + (a.threshold() == null ? "" : " (threshold " + a.threshold() + ")");
  }
}
