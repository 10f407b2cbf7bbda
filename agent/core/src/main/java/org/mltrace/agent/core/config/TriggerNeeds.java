package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.core.capture.CaptureMode;
import org.mltrace.agent.event.TriggerCatalog;
import org.mltrace.agent.event.TriggerDecl;

/**
 * Marks the variables whose summaries must carry a sample or element hashes because a declared
 * built-in trigger needs them ({@link TriggerCatalog.Entry#sampleArgs}, {@link
 * TriggerCatalog.Entry#hashArgs}), and only those: every other variable is captured exactly as
 * without triggers.
 *
 * <p>A variable named by a {@code before_run} trigger is the input; by an {@code after_run}
 * trigger, the output of that name, else the input (as the collector resolves it). A drift trigger
 * whose {@code reference} is another component's variable ({@code reference: {component: train,
 * variable: x}}, the variable defaulting to the trigger's own) also needs that variable's sample,
 * so the component named, when it is in this file, samples it too.
 */
final class TriggerNeeds {
  /**
   * A user trigger's argument {@code needs: [sample, hashes]}: the agent keeps that of the
   * trigger's {@code variable} and {@code other} (the collector passes it on as an argument).
   */
  static final String USER_NEEDS = "needs";

  static final List<String> USER_NEEDS_WORDS = List.of("sample", "hashes");

  private static final int SAMPLE = 1;
  private static final int HASHES = 2;

  /** What each (component, direction, variable) needs, by bit. */
  private final Map<String, Integer> needs = new HashMap<>();

  private TriggerNeeds() {}

  /**
   * The components with their variables' options marked; problems (a variable that must be sampled
   * but is captured as {@code capture: pointer} or {@code none}) are added to {@code problems}.
   */
  static List<ComponentSpec> apply(
      String file, List<ComponentSpec> components, List<ConfigProblem> problems) {
    TriggerNeeds t = new TriggerNeeds();
    Map<String, ComponentSpec> byName = new HashMap<>();
    for (ComponentSpec c : components) {
      byName.put(c.name(), c);
    }
    for (ComponentSpec c : components) {
      for (TriggerDecl d : c.triggers()) {
        t.note(c, d, byName);
      }
    }
    if (t.needs.isEmpty()) {
      return components;
    }
    List<ComponentSpec> marked = new ArrayList<>(components.size());
    for (ComponentSpec c : components) {
      List<VariableSpec> inputs = t.mark(file, c, "input", c.inputVariables(), problems);
      List<VariableSpec> outputs = t.mark(file, c, "output", c.outputVariables(), problems);
      marked.add(
          new ComponentSpec(
              c.name(),
              c.description(),
              c.owner(),
              c.tags(),
              c.methods(),
              inputs,
              outputs,
              c.line(),
              c.sample(),
              c.triggers(),
              c.staleAfter()));
    }
    return marked;
  }

  private void note(ComponentSpec c, TriggerDecl d, Map<String, ComponentSpec> byName) {
    if (d.user()) {
      String needs = d.args().getOrDefault(USER_NEEDS, "");
      int what = (needs.contains("sample") ? SAMPLE : 0) | (needs.contains("hashes") ? HASHES : 0);
      need(c, d.phase(), d.args().get("variable"), what);
      need(c, d.phase(), d.args().get("other"), what);
      return;
    }
    TriggerCatalog.Entry e = TriggerCatalog.find(d.name());
    if (e == null) {
      return;
    }
    for (String arg : e.sampleArgs()) {
      need(c, d.phase(), d.args().get(arg), SAMPLE);
    }
    for (String arg : e.hashArgs()) {
      need(c, d.phase(), d.args().get(arg), HASHES);
    }
    String referenced = d.args().get("reference.component");
    if (referenced != null && !e.sampleArgs().isEmpty() && byName.containsKey(referenced)) {
      String variable = d.args().getOrDefault("reference.variable", d.args().get("variable"));
      need(byName.get(referenced), TriggerDecl.AFTER_RUN, variable, SAMPLE);
    }
  }

  private void need(ComponentSpec c, String phase, String variable, int what) {
    if (variable == null || what == 0) {
      return;
    }
    boolean output = phase.equals(TriggerDecl.AFTER_RUN) && c.outputs().contains(variable);
    needs.merge(key(c.name(), output ? "output" : "input", variable), what, (a, b) -> a | b);
  }

  private List<VariableSpec> mark(
      String file,
      ComponentSpec c,
      String direction,
      List<VariableSpec> variables,
      List<ConfigProblem> problems) {
    List<VariableSpec> marked = new ArrayList<>(variables.size());
    for (VariableSpec v : variables) {
      int what = needs.getOrDefault(key(c.name(), direction, v.name()), 0);
      if (what != 0
          && (v.options().mode() == CaptureMode.POINTER
              || v.options().mode() == CaptureMode.NONE)) {
        problems.add(
            new ConfigProblem(
                file,
                v.line(),
                "a trigger of component '"
                    + c.name()
                    + "' needs the "
                    + ((what & SAMPLE) != 0 ? "sampled values" : "element hashes")
                    + " of "
                    + direction
                    + " '"
                    + v.name()
                    + "', but it has 'capture: "
                    + v.options().mode().name().toLowerCase(java.util.Locale.ROOT)
                    + "'; remove it or use 'capture: summary'"));
      }
      marked.add(
          what == 0
              ? v
              : new VariableSpec(
                  v.name(),
                  v.options().keeping((what & SAMPLE) != 0, (what & HASHES) != 0),
                  v.line()));
    }
    return marked;
  }

  private static String key(String component, String direction, String variable) {
    return component + '\u0000' + direction + '\u0000' + variable;
  }
}
