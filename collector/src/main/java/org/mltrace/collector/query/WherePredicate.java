package org.mltrace.collector.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code slice --where "VAR OP NUMBER"}: a comparison of a run's numeric input or output named VAR
 * (a {@code LONG} or {@code DOUBLE} value) with a number. OP is one of {@code < <= > >= == !=}
 * ({@code =} is taken as {@code ==}).
 */
public record WherePredicate(String variable, String op, double number) {
  private static final Pattern FORM =
      Pattern.compile(
          "\\s*([A-Za-z_$][\\w$.]*)\\s*(<=|>=|==|!=|<|>|=)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");

  /**
   * @throws InvalidRequestException naming what was expected, when {@code text} is malformed
   */
  public static WherePredicate parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new InvalidRequestException(
          "malformed --where '"
              + text
              + "': expected VAR OP NUMBER, e.g. \"prediction > 0.8\", with OP one of < <= > >= =="
              + " !=");
    }
    String op = m.group(2).equals("=") ? "==" : m.group(2);
    return new WherePredicate(m.group(1), op, Double.parseDouble(m.group(3)));
  }

  public boolean test(double value) {
    return switch (op) {
      case "<" -> value < number;
      case "<=" -> value <= number;
      case ">" -> value > number;
      case ">=" -> value >= number;
      case "==" -> value == number;
      default -> value != number;
    };
  }

  @Override
  public String toString() {
    return variable + " " + op + " " + number;
  }
}
