package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mltrace.agent.core.capture.CaptureMode;
import org.mltrace.agent.event.TaskEvent;

/**
 * Marks the variables a task names (the prediction's identifiers and values, the feedback's
 * identifiers and labels) to carry their elements as texts, reading up to the task's {@code
 * max_pairs} elements; every other variable is captured exactly as without tasks. A name is the
 * component's output of that name, else its input (as the collector reads it).
 */
final class TaskNeeds {
  private TaskNeeds() {}

  static List<ComponentSpec> apply(
      String file,
      List<ComponentSpec> components,
      List<TaskEvent> tasks,
      List<ConfigProblem> problems) {
    if (tasks.isEmpty()) {
      return components;
    }
    Map<String, Integer> caps = new HashMap<>(); // component NUL variable -> largest max_pairs
    Map<String, String> users = new HashMap<>();
    for (TaskEvent t : tasks) {
      for (String v : List.of(t.predictionId(), t.predictionValue())) {
        note(caps, users, t.predictionComponent(), v, t);
      }
      if (t.feedbackComponent() != null) {
        for (String v : List.of(t.feedbackId(), t.feedbackLabel())) {
          note(caps, users, t.feedbackComponent(), v, t);
        }
      }
    }
    List<ComponentSpec> marked = new ArrayList<>(components.size());
    for (ComponentSpec c : components) {
      List<VariableSpec> outputs = mark(file, c, c.outputVariables(), caps, users, problems, null);
      List<VariableSpec> inputs =
          mark(file, c, c.inputVariables(), caps, users, problems, c.outputs());
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

  private static void note(
      Map<String, Integer> caps,
      Map<String, String> users,
      String component,
      String variable,
      TaskEvent t) {
    String key = component + '\u0000' + variable;
    caps.merge(key, (int) t.maxPairs(), Math::max);
    users.putIfAbsent(key, t.name());
  }

  /**
   * {@code shadowedBy}: for inputs, the outputs' names (an output of the same name is the one
   * read).
   */
  private static List<VariableSpec> mark(
      String file,
      ComponentSpec c,
      List<VariableSpec> variables,
      Map<String, Integer> caps,
      Map<String, String> users,
      List<ConfigProblem> problems,
      List<String> shadowedBy) {
    List<VariableSpec> marked = new ArrayList<>(variables.size());
    for (VariableSpec v : variables) {
      String key = c.name() + '\u0000' + v.name();
      Integer cap = caps.get(key);
      if (cap == null || (shadowedBy != null && shadowedBy.contains(v.name()))) {
        marked.add(v);
        continue;
      }
      CaptureMode mode = v.options().mode();
      if (mode == CaptureMode.POINTER || mode == CaptureMode.NONE || v.options().redact()) {
        problems.add(
            new ConfigProblem(
                file,
                v.line(),
                "task '"
                    + users.get(key)
                    + "' reads the values of '"
                    + v.name()
                    + "' of component '"
                    + c.name()
                    + "', but it has "
                    + (v.options().redact()
                        ? "'redact: true' (or matches a redact: pattern)"
                        : "'capture: " + mode.name().toLowerCase(Locale.ROOT) + "'")
                    + "; a task needs the identifiers and values themselves"));
      }
      marked.add(new VariableSpec(v.name(), v.options().keepingTexts(cap), v.line()));
    }
    return marked;
  }
}
