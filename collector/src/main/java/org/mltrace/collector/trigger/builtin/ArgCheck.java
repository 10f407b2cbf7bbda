package org.mltrace.collector.trigger.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.trigger.TriggerArgs;

/**
 * Collects a declaration's argument problems, one message each naming the argument and what was
 * expected: {@code argument 'threshold' must be a number >= 0, not '-1'}.
 */
final class ArgCheck {
  private final TriggerArgs args;
  private final Set<String> allowed = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  ArgCheck(TriggerArgs args, String... allowedKeys) {
    this.args = args;
    allowed.addAll(Arrays.asList(allowedKeys));
  }

  /** The argument must be present and not blank; {@code what} says what it names. */
  ArgCheck required(String key, String what) {
    String v = args.values().get(key);
    if (v == null || v.isBlank()) {
      problems.add("missing argument '" + key + "' (" + what + ")");
    }
    return this;
  }

  /** When present, a number at least {@code min}. */
  ArgCheck atLeast(String key, double min) {
    Double v = number(key);
    if (v != null && !(v >= min)) {
      problems.add(mustBe(key, "a number >= " + Numbers.show(min)));
    }
    return this;
  }

  /** When present, a number strictly greater than {@code min}. */
  ArgCheck above(String key, double min) {
    Double v = number(key);
    if (v != null && !(v > min)) {
      problems.add(mustBe(key, "a number > " + Numbers.show(min)));
    }
    return this;
  }

  /** When present, a fraction between 0 and 1 inclusive. */
  ArgCheck fraction(String key) {
    Double v = number(key);
    if (v != null && !(v >= 0 && v <= 1)) {
      problems.add(mustBe(key, "a fraction between 0 and 1"));
    }
    return this;
  }

  /** When present, a finite number (any sign). */
  ArgCheck finite(String key) {
    number(key);
    return this;
  }

  /** When present, a whole number at least {@code min}. */
  ArgCheck wholeAtLeast(String key, int min) {
    String raw = args.values().get(key);
    if (raw == null) {
      return this;
    }
    try {
      if (Integer.parseInt(raw.trim()) < min) {
        problems.add(mustBe(key, "a whole number >= " + min));
      }
    } catch (NumberFormatException e) {
      problems.add(mustBe(key, "a whole number >= " + min));
    }
    return this;
  }

  /** When present, one of {@code choices}. */
  ArgCheck oneOf(String key, String... choices) {
    String raw = args.values().get(key);
    if (raw != null && !Arrays.asList(choices).contains(raw.trim())) {
      problems.add(mustBe(key, "one of " + String.join(", ", choices)));
    }
    return this;
  }

  /** Adds a problem found by the caller. */
  ArgCheck problem(String message) {
    problems.add(message);
    return this;
  }

  ArgCheck problems(List<String> more) {
    problems.addAll(more);
    return this;
  }

  /** The problems found, then one per argument this trigger does not know. */
  List<String> result() {
    List<String> all = new ArrayList<>(problems);
    for (String key : args.values().keySet()) {
      if (!allowed.contains(key) && !allowed.contains(prefix(key))) {
        all.add("unknown argument '" + key + "'; expected " + String.join(", ", allowed));
      }
    }
    return all;
  }

  /** {@code reference} for {@code reference.component}: nested mappings are allowed by prefix. */
  private static String prefix(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }

  /** The number, or null when absent or (after recording the problem) not a finite number. */
  private Double number(String key) {
    String raw = args.values().get(key);
    if (raw == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(raw.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(mustBe(key, "a number"));
    return null;
  }

  private String mustBe(String key, String expected) {
    return "argument '" + key + "' must be " + expected + ", not '" + args.values().get(key) + "'";
  }
}
