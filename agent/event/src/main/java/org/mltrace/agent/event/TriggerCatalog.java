package org.mltrace.agent.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in triggers by name: their arguments and what each needs the agent to capture.
 *
 * <p>One list for both ends: the agent checks a YAML declaration against it at startup (so a
 * misspelt name or argument is reported with its line before the application runs) and decides
 * which variables need a numeric sample or element hashes; the collector checks declarations it
 * receives against the same list. The evaluation itself lives in the collector.
 *
 * <p>Arguments arrive flattened to strings ({@code reference: {component: train, variable: x}}
 * becomes {@code reference.component} and {@code reference.variable}), as in {@link TriggerDecl}.
 */
public final class TriggerCatalog {

  /** Names of the arguments that hold numbers; {@link Entry#problems} checks they parse. */
  private static final Set<String> NUMERIC =
      Set.of(
          "max_fraction",
          "min",
          "max",
          "min_size",
          "max_size",
          "z",
          "k",
          "max_change",
          "threshold",
          "bins",
          "epsilon",
          "max_overlap",
          "max_gap",
          "value");

  private static final List<String> OPERATORS = List.of(">=", ">", "<=", "<", "==");
  private static final List<String> OUTLIER_METHODS = List.of("zscore", "iqr");

  /**
   * One built-in trigger.
   *
   * @param name as written after {@code trigger:}
   * @param required arguments that must be given
   * @param optional arguments that may be given, with their default value ({@code null} when
   *     absence has its own meaning, e.g. no {@code min} bound)
   * @param atLeastOneOf when not empty, at least one of these optional arguments must be given
   * @param variableArgs the arguments whose value names a variable of the declaring component
   * @param sampleArgs the variable arguments whose values the agent must sample as numbers
   * @param hashArgs the variable arguments whose elements the agent must hash
   * @param alertsByDefault whether a failure raises an alert when the declaration has no {@code
   *     alert:}
   */
  public record Entry(
      String name,
      List<String> required,
      Map<String, String> optional,
      List<String> atLeastOneOf,
      List<String> variableArgs,
      List<String> sampleArgs,
      List<String> hashArgs,
      boolean alertsByDefault) {

    public Entry {
      required = List.copyOf(required);
      optional = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optional));
      atLeastOneOf = List.copyOf(atLeastOneOf);
      variableArgs = List.copyOf(variableArgs);
      sampleArgs = List.copyOf(sampleArgs);
      hashArgs = List.copyOf(hashArgs);
    }

    /** Every argument name this trigger accepts, required first, in catalog order. */
    public List<String> argumentNames() {
      List<String> all = new ArrayList<>(required);
      all.addAll(optional.keySet());
      return all;
    }

    /** Whether {@code arg} (possibly dotted, {@code reference.component}) is accepted. */
    public boolean accepts(String arg) {
      String head = arg.contains(".") ? arg.substring(0, arg.indexOf('.')) : arg;
      if (!head.equals(arg)) {
        // Only a reference may be a mapping: {component: C, variable: V}.
        return head.equals("reference")
            && required.contains("reference")
            && REFERENCE_KEYS.contains(arg);
      }
      return required.contains(arg) || optional.containsKey(arg);
    }

    /**
     * What is wrong with {@code args} for this trigger, one sentence each; empty when nothing.
     * Unknown argument names are reported without suggestions (callers add them, they know their
     * own wording).
     */
    public List<String> problems(Map<String, String> args) {
      List<String> problems = new ArrayList<>();
      for (String arg : args.keySet()) {
        if (!accepts(arg)) {
          problems.add(
              "unknown argument '"
                  + arg
                  + "' for trigger '"
                  + name
                  + "'; expected "
                  + argumentNames());
        }
      }
      for (String arg : required) {
        if (!args.containsKey(arg)
            && !(arg.equals("reference") && args.containsKey("reference.component"))) {
          problems.add("trigger '" + name + "' needs '" + arg + ":'" + hint(arg));
        }
      }
      if (args.containsKey("reference.variable") && !args.containsKey("reference.component")) {
        problems.add(
            "trigger '" + name + "': a reference mapping needs 'component:' besides 'variable:'");
      }
      if (!atLeastOneOf.isEmpty() && atLeastOneOf.stream().noneMatch(args::containsKey)) {
        problems.add("trigger '" + name + "' needs at least one of " + atLeastOneOf);
      }
      args.forEach(
          (arg, value) -> {
            if (accepts(arg)) {
              String problem = valueProblem(arg, value);
              if (problem != null) {
                problems.add("'" + arg + "' of trigger '" + name + "' " + problem);
              }
            }
          });
      return problems;
    }
  }

  static final List<String> REFERENCE_KEYS = List.of("reference.component", "reference.variable");

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    add(
        new Entry(
            "not_null",
            List.of("variable"),
            Map.of("max_fraction", "0"),
            List.of(),
            List.of("variable"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "range",
            List.of("variable"),
            ordered("min", null, "max", null),
            List.of("min", "max"),
            List.of("variable"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "schema",
            List.of("variable"),
            ordered("type", null, "min_size", null, "max_size", null, "columns", null),
            List.of(),
            List.of("variable"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "outliers",
            List.of("variable"),
            ordered("method", "zscore", "z", "3", "k", "1.5", "max_fraction", "0.01"),
            List.of(),
            List.of("variable"),
            List.of("variable"),
            List.of(),
            false));
    add(
        new Entry(
            "row_count_change",
            List.of("variable", "max_change"),
            Map.of(),
            List.of(),
            List.of("variable"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "psi",
            List.of("variable", "reference"),
            ordered("threshold", "0.2", "bins", "10"),
            List.of(),
            List.of("variable"),
            List.of("variable"),
            List.of(),
            false));
    add(
        new Entry(
            "kl_divergence",
            List.of("variable", "reference"),
            ordered("threshold", "0.1", "bins", "10", "epsilon", "1e-4"),
            List.of(),
            List.of("variable"),
            List.of("variable"),
            List.of(),
            false));
    add(
        new Entry(
            "ks",
            List.of("variable", "reference"),
            ordered("threshold", "0.1"),
            List.of(),
            List.of("variable"),
            List.of("variable"),
            List.of(),
            false));
    add(
        new Entry(
            "mean_shift",
            List.of("variable", "reference"),
            ordered("threshold", "1.0"),
            List.of(),
            List.of("variable"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "train_test_leakage",
            List.of("variable", "other"),
            ordered("max_overlap", "0"),
            List.of(),
            List.of("variable", "other"),
            List.of(),
            List.of("variable", "other"),
            false));
    add(
        new Entry(
            "overfitting",
            List.of("train", "validation"),
            ordered("max_gap", "0.05"),
            List.of(),
            List.of("train", "validation"),
            List.of(),
            List.of(),
            false));
    add(
        new Entry(
            "metric_threshold",
            List.of("variable", "op", "value"),
            Map.of(),
            List.of(),
            List.of("variable"),
            List.of(),
            List.of(),
            true));
    // A deletion request enforced: fails when the run derives from data carrying a retracted label.
    add(
        new Entry(
            "retracted_input",
            List.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            true));
  }

  private TriggerCatalog() {}

  private static void add(Entry e) {
    ENTRIES.put(e.name(), e);
  }

  /** Keeps argument order as written (Map.of does not), values may be null. */
  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** The built-in trigger called {@code name}, or null when there is none. */
  public static Entry find(String name) {
    return ENTRIES.get(name);
  }

  /** Every built-in trigger name, in catalog order. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  public static List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /** Why a value is unusable for {@code arg}, or null when it is fine. */
  static String valueProblem(String arg, String value) {
    if (value == null || value.isBlank()) {
      return "needs a value";
    }
    String v = value.trim();
    if (NUMERIC.contains(arg)) {
      try {
        Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return "must be a number, not '" + value + "'";
      }
    }
    return switch (arg) {
      case "op" ->
          OPERATORS.contains(v) ? null : "must be one of " + OPERATORS + ", not '" + value + "'";
      case "method" ->
          OUTLIER_METHODS.contains(v)
              ? null
              : "must be one of " + OUTLIER_METHODS + ", not '" + value + "'";
      case "reference" -> referenceProblem(v);
      default -> null;
    };
  }

  private static String referenceProblem(String v) {
    if (v.equals("previous")) {
      return null;
    }
    if (v.startsWith("last:")) {
      try {
        if (Integer.parseInt(v.substring(5)) > 0) {
          return null;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      return "needs a positive whole number N in last:N, not '" + v + "'";
    }
    if (v.startsWith("run:") && v.length() > 4) {
      return null;
    }
    return "must be previous, last:N, run:RUN_ID or {component: C, variable: V}, not '" + v + "'";
  }

  private static String hint(String arg) {
    return switch (arg) {
      case "reference" -> " (previous, last:N, run:RUN_ID or {component: C, variable: V})";
      case "op" -> " (one of " + OPERATORS + ")";
      default -> "";
    };
  }
}
