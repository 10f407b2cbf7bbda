package org.mltrace.agent.core.offline;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.mltrace.agent.core.matching.NearestSignatures;
import org.mltrace.agent.core.weaving.PlanPreview;
import org.objectweb.asm.Type;

/**
 * Prints a {@link CheckResult} for a person: per component, its methods, variables and problems.
 */
final class CheckReport {
  private CheckReport() {}

  static void print(CheckResult result, PrintStream out) {
    out.println("check " + result.config() + " against " + result.classCount() + " classes");
    for (CheckResult.Component c : result.components()) {
      out.println();
      out.println(
          "component '"
              + c.spec().name()
              + "' (line "
              + c.spec().line()
              + "): "
              + (c.capturesNothing() != null
                  ? "CAPTURES NOTHING: " + c.capturesNothing()
                  : c.problems().isEmpty() ? "ok" : c.problems().size() + " problem(s)"));
      for (CheckResult.Signature s : c.signatures()) {
        out.println("  " + s.signature().text() + "  (line " + s.signature().line() + ")");
        if (!s.subtypes().isEmpty()) {
          out.println(
              "    + expands to "
                  + s.subtypes().size()
                  + " class(es): "
                  + String.join(", ", s.subtypes()));
        }
        for (CheckResult.Method m : s.methods()) {
          printMethod(m, out);
        }
      }
      if (!c.problems().isEmpty()) {
        out.println("  problems:");
        for (CheckResult.Problem p : c.problems()) {
          out.println("    " + result.config() + ":" + p.line() + ": " + p.message());
        }
      }
    }
    long bad = result.components().stream().filter(c -> c.capturesNothing() != null).count();
    long problems = result.components().stream().mapToLong(c -> c.problems().size()).sum();
    out.println();
    out.println(
        result.components().size()
            + " component(s), "
            + problems
            + " problem(s), "
            + bad
            + " that would capture nothing");
  }

  private static void printMethod(CheckResult.Method m, PrintStream out) {
    List<String> params =
        Arrays.stream(Type.getArgumentTypes(m.descriptor())).map(Type::getClassName).toList();
    out.println(
        "    -> "
            + NearestSignatures.describe(m.owner(), m.name(), params)
            + " returns "
            + Type.getReturnType(m.descriptor()).getClassName()
            + ", "
            + m.exitLines().size()
            + " exit(s)"
            + lines(m.exitLines()));
    int width =
        m.variables().stream().mapToInt(v -> v.preview().variable().length()).max().orElse(0);
    for (CheckResult.Variable v : m.variables()) {
      PlanPreview.Variable p = v.preview();
      String name = String.format("%-" + Math.max(1, width) + "s", p.variable());
      String field =
          v.fieldType() != null
              ? ", field "
                  + p.variable().substring(p.variable().indexOf('.') + 1)
                  + " ("
                  + v.fieldType()
                  + ")"
              : "";
      out.println(
          "       "
              + (p.input() ? "input  " : "output ")
              + name
              + "  "
              + resolution(p, m.exitLines().size())
              + field
              + (v.capture() != null ? "  => " + v.capture() : ""));
    }
  }

  private static String resolution(PlanPreview.Variable p, int exits) {
    String types = p.types().stream().map(Type::getClassName).collect(Collectors.joining(" | "));
    String what =
        switch (p.source()) {
          case PARAMETER -> "parameter (" + types + ")";
          case THIS -> "this (" + types + ")";
          case RETURN -> "return value (" + types + ")";
          case LOCAL -> "local (" + types + ")";
          case MISSING -> "NOT FOUND, recorded as absent";
        };
    if (p.source() == PlanPreview.Source.MISSING) {
      return what;
    }
    if (p.atEntry()) {
      return what + ", read at entry";
    }
    return what
        + ", read at "
        + p.exitLinesRead().size()
        + " of "
        + exits
        + " exit(s)"
        + lines(p.exitLinesRead());
  }

  private static String lines(List<Integer> lines) {
    if (lines.isEmpty() || lines.stream().allMatch(l -> l < 0)) {
      return "";
    }
    return " (line"
        + (lines.size() > 1 ? "s " : " ")
        + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))
        + ")";
  }
}
