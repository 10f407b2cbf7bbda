package org.mltrace.collector.trigger.builtin;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for one-line messages: at most four significant digits, no exponent noise. */
final class Numbers {
  private Numbers() {}

  /** {@code 0.2}, {@code 0.1234}, {@code 12350}, {@code 1.5E-7}; NaN as {@code NaN}. */
  static String show(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 ? rounded.toPlainString() : rounded.toString();
  }
}
