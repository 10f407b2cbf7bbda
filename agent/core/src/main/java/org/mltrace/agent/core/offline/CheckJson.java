package org.mltrace.agent.core.offline;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.mltrace.agent.core.weaving.PlanPreview;

/**
 * Prints a {@link CheckResult} as one JSON object ({@code check --json}), for scripts and CI. The
 * agent carries no JSON library (it would land in every traced application), so this writes the few
 * shapes it needs by hand.
 */
final class CheckJson {
  private final StringBuilder out = new StringBuilder();

  private CheckJson() {}

  static void print(CheckResult result, PrintStream stream) {
    CheckJson json = new CheckJson();
    json.object(
        () -> {
          json.field("config", result.config());
          json.field("classes", result.classCount());
          json.field("capturesNothing", result.anyCapturesNothing());
          json.array("components", result.components(), json::component);
        });
    stream.println(json.out);
  }

  private void component(CheckResult.Component c) {
    object(
        () -> {
          field("name", c.spec().name());
          field("line", c.spec().line());
          field("capturesNothing", c.capturesNothing());
          array("signatures", c.signatures(), this::signature);
          array(
              "problems",
              c.problems(),
              p ->
                  object(
                      () -> {
                        field("line", p.line());
                        field("message", p.message());
                      }));
        });
  }

  private void signature(CheckResult.Signature s) {
    object(
        () -> {
          field("signature", s.signature().text());
          field("line", s.signature().line());
          array("subtypes", s.subtypes(), this::string);
          array("nearest", s.nearest(), this::string);
          array(
              "methods",
              s.methods(),
              m ->
                  object(
                      () -> {
                        field("method", m.describe());
                        array("exitLines", m.exitLines(), this::number);
                        field("weaveProblem", m.weaveProblem());
                        array("variables", m.variables(), this::variable);
                      }));
        });
  }

  private void variable(CheckResult.Variable v) {
    PlanPreview.Variable p = v.preview();
    object(
        () -> {
          field("name", p.variable());
          field("input", p.input());
          field("source", p.source().name().toLowerCase(java.util.Locale.ROOT));
          array("types", p.types(), t -> string(t.getClassName()));
          field("atEntry", p.atEntry());
          array("exitLinesRead", p.exitLinesRead(), this::number);
          field("capture", v.capture());
          field("fieldType", v.fieldType());
          field("fieldNote", v.fieldNote());
          array("problems", p.problems(), this::string);
        });
  }

  private boolean first = true;

  private void object(Runnable body) {
    out.append('{');
    first = true;
    body.run();
    out.append('}');
    first = false;
  }

  private <T> void array(String name, List<T> items, Consumer<T> item) {
    key(name);
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      item.accept(items.get(i));
    }
    out.append(']');
    first = false;
  }

  private void key(String name) {
    if (!first) {
      out.append(',');
    }
    string(name);
    out.append(':');
  }

  private void field(String name, Object value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s);
    } else {
      out.append(value);
    }
    first = false;
  }

  private void number(Integer n) {
    out.append(n);
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
