package org.mltrace.collector.cli;

import java.util.List;
import org.mltrace.collector.doctor.Finding;

/** The doctor's findings as text: one line each, the advice indented below, then a tally. */
final class DoctorText {
  private DoctorText() {}

  static String render(List<Finding> findings, boolean noQueues) {
    StringBuilder sb = new StringBuilder();
    int problems = 0;
    int warnings = 0;
    for (Finding f : findings) {
      String mark =
          switch (f.severity()) {
            case OK -> "ok     ";
            case WARNING -> "WARN   ";
            case PROBLEM -> "PROBLEM";
          };
      problems += f.severity() == Finding.Severity.PROBLEM ? 1 : 0;
      warnings += f.severity() == Finding.Severity.WARNING ? 1 : 0;
      sb.append(mark)
          .append("  ")
          .append(String.format("%-13s", f.check()))
          .append(f.subject())
          .append(": ")
          .append(f.detail())
          .append('\n');
      if (f.advice() != null) {
        sb.append("         -> ").append(f.advice()).append('\n');
      }
    }
    if (noQueues) {
      sb.append("(no queue checked: give --queue DIR, the directory the agents write)\n");
    }
    sb.append(problems)
        .append(problems == 1 ? " problem, " : " problems, ")
        .append(warnings)
        .append(warnings == 1 ? " warning" : " warnings")
        .append('\n');
    return sb.toString();
  }
}
