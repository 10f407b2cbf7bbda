package org.mltrace.collector.trigger.builtin;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.Phase;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;

/**
 * What a drift trigger compares the run with, from its {@code reference} argument:
 *
 * <ul>
 *   <li>{@code previous}: the newest earlier run of this component that has the variable;
 *   <li>{@code last:N}: the N newest earlier runs of this component that have it, pooled (their
 *       samples concatenated, their summaries combined);
 *   <li>{@code run:ID}: that stored run, pinned;
 *   <li>{@code {component: X, variable: Y}} (flattened to {@code reference.component} and {@code
 *       reference.variable}): the latest run of component X that ended before this one, its
 *       variable Y (an output, else an input; default: the same name as {@code variable}).
 * </ul>
 *
 * <p>Runs of this component that lack the variable (a failed run has no outputs) are skipped for
 * {@code previous} and {@code last:N} rather than failing the check; a pinned or other-component
 * run that lacks it is an error, since nothing else could stand in for it. When no earlier run has
 * it at all (the component's first run) or the reference component has not run, there is nothing to
 * compare with yet: {@link NoReferenceYetException}, a {@code skipped} result.
 */
record Reference(Form form, int lastN, String runId, String component, String variable) {

  enum Form {
    PREVIOUS,
    LAST,
    RUN,
    COMPONENT
  }

  static final String EXPECTED =
      "previous, last:N, run:RUN_ID or {component: NAME, variable: NAME}";

  /** The newest earlier run of this component that has the variable. */
  static Reference previous() {
    return new Reference(Form.PREVIOUS, 1, null, null, null);
  }

  /** The problems with a declaration's reference arguments, for {@code validate}. */
  static List<String> problems(TriggerArgs args) {
    try {
      parse(args);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  /**
   * @throws IllegalArgumentException naming the argument and the accepted forms
   */
  static Reference parse(TriggerArgs args) {
    String component = args.values().get("reference.component");
    String variable = args.values().get("reference.variable");
    String plain = args.values().get("reference");
    if (component != null || variable != null) {
      if (plain != null) {
        throw new IllegalArgumentException(
            "argument 'reference' is given both as '" + plain + "' and as a mapping; use one");
      }
      if (component == null || component.isBlank()) {
        throw new IllegalArgumentException(
            "argument 'reference' as a mapping needs 'component' (the component whose latest run"
                + " is the reference), e.g. {component: train, variable: fares}");
      }
      for (String key : args.values().keySet()) {
        if (key.startsWith("reference.")
            && !key.equals("reference.component")
            && !key.equals("reference.variable")) {
          throw new IllegalArgumentException(
              "unknown key '"
                  + key.substring("reference.".length())
                  + "' in argument"
                  + " 'reference'; expected component and variable");
        }
      }
      return new Reference(
          Form.COMPONENT,
          0,
          null,
          component.trim(),
          variable == null || variable.isBlank() ? null : variable.trim());
    }
    if (plain == null || plain.isBlank()) {
      throw new IllegalArgumentException(
          "missing argument 'reference' (what to compare with: " + EXPECTED + ")");
    }
    String ref = plain.trim();
    if (ref.equals("previous")) {
      return new Reference(Form.PREVIOUS, 1, null, null, null);
    }
    if (ref.startsWith("last:")) {
      int n;
      try {
        n = Integer.parseInt(ref.substring(5).trim());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        throw new IllegalArgumentException(
            "argument 'reference' is '" + ref + "'; last:N needs a whole number N >= 1");
      }
      return new Reference(Form.LAST, n, null, null, null);
    }
    if (ref.startsWith("run:") && !ref.substring(4).isBlank()) {
      return new Reference(Form.RUN, 0, ref.substring(4).trim(), null, null);
    }
    throw new IllegalArgumentException(
        "argument 'reference' must be " + EXPECTED + ", not '" + plain + "'");
  }

  /**
   * The reference's values of the variable, newest first, each from one run. {@code needs} says
   * whether a value is usable (has a sample, a summary) so that runs lacking it can be skipped.
   */
  Resolved resolve(TriggerContext ctx, String trigger, String name, Usable needs)
      throws MissingDataException {
    switch (form) {
      case PREVIOUS, LAST -> {
        List<CapturedData> values = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (RunSnapshot r : ctx.history()) {
          if (values.size() == lastN) {
            break;
          }
          CapturedData d = r.variable(ctx.phase(), name).orElse(null);
          if (d != null && !"ABSENT".equals(d.kind()) && needs.test(d)) {
            values.add(d);
            runs.add(r.id());
          }
        }
        if (values.isEmpty()) {
          throw new NoReferenceYetException(
              trigger
                  + ": no earlier run of "
                  + ctx.run().component()
                  + " has '"
                  + name
                  + "'"
                  + needs.what()
                  + " to compare with (reference "
                  + label()
                  + ", "
                  + ctx.history().size()
                  + " earlier runs looked at)");
        }
        String what =
            form == Form.PREVIOUS
                ? "previous run " + runs.get(0)
                : "last "
                    + values.size()
                    + " runs"
                    + (values.size() == lastN
                        ? ""
                        : " (" + lastN + " asked; only " + values.size() + " had it)");
        return new Resolved(values, runs, what);
      }
      case RUN -> {
        RunSnapshot r =
            ctx.runById(runId)
                .orElseThrow(
                    () ->
                        new MissingDataException(
                            trigger + ": the pinned reference run " + runId + " is not stored"));
        return single(
            trigger, r, r.variable(ctx.phase(), name).orElse(null), name, needs, "run " + r.id());
      }
      case COMPONENT -> {
        String refName = variable == null ? name : variable;
        List<RunSnapshot> latest = ctx.latestRunsOf(component, 1);
        if (latest.isEmpty()) {
          throw new NoReferenceYetException(
              trigger
                  + ": component "
                  + component
                  + " has no run before this one to compare"
                  + " with (reference {component: "
                  + component
                  + "})");
        }
        RunSnapshot r = latest.get(0);
        return single(
            trigger,
            r,
            r.variable(Phase.AFTER_RUN, refName).orElse(null),
            refName,
            needs,
            component + " run " + r.id() + " '" + refName + "'");
      }
      default -> throw new IllegalStateException(form.name());
    }
  }

  private static Resolved single(
      String trigger, RunSnapshot r, CapturedData d, String name, Usable needs, String what)
      throws MissingDataException {
    if (d == null || "ABSENT".equals(d.kind())) {
      throw new MissingDataException(
          trigger
              + ": the reference run "
              + r.id()
              + " of "
              + r.component()
              + " has no '"
              + name
              + "'");
    }
    if (!needs.test(d)) {
      throw new MissingDataException(
          trigger
              + ": the reference run "
              + r.id()
              + " of "
              + r.component()
              + " has '"
              + name
              + "' but not"
              + needs.what());
    }
    return new Resolved(List.of(d), List.of(r.id()), what);
  }

  /** As written: {@code previous}, {@code last:5}, {@code run:abc}, {@code {component: train}}. */
  String label() {
    return switch (form) {
      case PREVIOUS -> "previous";
      case LAST -> "last:" + lastN;
      case RUN -> "run:" + runId;
      case COMPONENT ->
          "{component: " + component + (variable == null ? "" : ", variable: " + variable) + "}";
    };
  }

  /** Whether a captured value has what the trigger needs, and how to say it when it has not. */
  interface Usable {
    boolean test(CapturedData d);

    /** Appended to "has 'x'": {@code " with a sample"}. */
    String what();

    static Usable sample() {
      return new Usable() {
        public boolean test(CapturedData d) {
          return d.sample() != null;
        }

        public String what() {
          return " with a sample";
        }
      };
    }

    static Usable summary() {
      return new Usable() {
        public boolean test(CapturedData d) {
          return d.summary() != null;
        }

        public String what() {
          return " with a summary";
        }
      };
    }
  }

  /**
   * @param values the reference values, newest first
   * @param runIds the runs they came from, in the same order
   * @param description for messages: {@code previous run R}, {@code last 5 runs}
   */
  record Resolved(List<CapturedData> values, List<String> runIds, String description) {}
}
