package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mltrace.agent.core.spelling.Suggestions;
import org.mltrace.agent.event.StaleAfter;
import org.mltrace.agent.event.TaskEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the top-level {@code tasks:} list (delayed ground truth; see docs/ground-truth.md) into
 * {@link TaskEvent}s, checking each name against the components already read: the prediction's and
 * feedback's component, and their variables among that component's outputs or inputs. Every mistake
 * is a problem with its line and, for a name, the nearest valid ones.
 */
final class TaskParser {
  static final List<String> TASK_KEYS =
      List.of("name", "prediction", "feedback", "window", "max_pairs", "sla");
  static final List<String> PREDICTION_KEYS =
      List.of("component", "id", "value", "kind", "threshold");
  static final List<String> FEEDBACK_KEYS = List.of("component", "id", "label");
  static final List<String> SLA_KEYS = List.of("check", "alert");

  /** Default {@code max_pairs}: (id, value) pairs captured per run. */
  static final long DEFAULT_MAX_PAIRS = 10_000;

  /** The largest {@code max_pairs}, as for {@code sample_cap}. */
  static final long MAX_MAX_PAIRS = ConfigLoader.MAX_SAMPLE_CAP;

  /** Default window: the last seven days of predictions. */
  static final long DEFAULT_WINDOW_SECONDS = 7 * 86_400L;

  private static final Pattern SLA =
      Pattern.compile("\\s*([A-Za-z_0-9]+)\\s*(>=|<=|==|>|<)\\s*(\\S+)\\s*");

  private final NodeLocations locations;
  private final List<ConfigProblem> problems;
  private final Map<String, ComponentSpec> components = new HashMap<>();

  TaskParser(
      NodeLocations locations, List<ConfigProblem> problems, List<ComponentSpec> components) {
    this.locations = locations;
    this.problems = problems;
    components.forEach(c -> this.components.put(c.name(), c));
  }

  List<TaskEvent> parse(Node node) {
    List<TaskEvent> tasks = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      problems.add(
          problem(node, "'tasks' must be a list of mappings, each starting with '- name: ...'"));
      return tasks;
    }
    Set<String> names = new HashSet<>();
    for (Node item : seq.getValue()) {
      TaskEvent t = task(item);
      if (t != null && !names.add(t.name())) {
        problems.add(
            problem(item, "task name '" + t.name() + "' is used twice; names are the primary key"));
      } else if (t != null) {
        tasks.add(t);
      }
    }
    return tasks;
  }

  private TaskEvent task(Node node) {
    if (!(node instanceof MappingNode map)) {
      problems.add(
          problem(node, "expected a task mapping (name:, prediction:, feedback:, window:, sla:)"));
      return null;
    }
    int before = problems.size();
    Map<String, Node> keys = keys(map, TASK_KEYS);
    String name = scalar(keys.get("name"), "name", "the task's name");
    if (!keys.containsKey("name")) {
      problems.add(problem(map, "task has no 'name:'; every task needs a unique name"));
    }
    Prediction p = keys.containsKey("prediction") ? prediction(keys.get("prediction")) : null;
    if (!keys.containsKey("prediction")) {
      problems.add(
          problem(
              map, "task '" + name + "' has no 'prediction:' (component:, id:, value:, kind:)"));
    }
    String[] feedback = keys.containsKey("feedback") ? feedback(keys.get("feedback")) : null;
    if (!keys.containsKey("feedback")) {
      problems.add(
          problem(
              map,
              "task '"
                  + name
                  + "' has no 'feedback:'; give 'feedback: file' or {component:, id:, label:}"));
    }
    long[] window =
        keys.containsKey("window")
            ? window(keys.get("window"))
            : new long[] {DEFAULT_WINDOW_SECONDS, 0};
    long maxPairs =
        keys.containsKey("max_pairs") ? maxPairs(keys.get("max_pairs")) : DEFAULT_MAX_PAIRS;
    List<TaskEvent.Sla> slas =
        keys.containsKey("sla") && p != null && p.kind != null
            ? slas(keys.get("sla"), p.kind)
            : List.of();
    if (problems.size() > before || p == null || feedback == null || window == null) {
      return null;
    }
    return new TaskEvent(
        name,
        p.kind,
        p.threshold,
        p.component,
        p.id,
        p.value,
        feedback[0],
        feedback[1],
        feedback[2],
        window[0],
        window[1],
        maxPairs,
        slas,
        source(map));
  }

  private record Prediction(
      String component, String id, String value, String kind, double threshold) {}

  private Prediction prediction(Node node) {
    if (!(node instanceof MappingNode map)) {
      problems.add(
          problem(node, "'prediction' must be a mapping {component:, id:, value:, kind:}"));
      return null;
    }
    Map<String, Node> keys = keys(map, PREDICTION_KEYS);
    String kind = required(map, keys, "kind", "prediction", "one of " + TaskEvent.KINDS);
    if (kind != null && !TaskEvent.KINDS.contains(kind.trim().toLowerCase(Locale.ROOT))) {
      problems.add(
          problem(
              keys.get("kind"),
              "'kind' must be one of "
                  + TaskEvent.KINDS
                  + ", not '"
                  + kind
                  + "'"
                  + Suggestions.didYouMean(kind, TaskEvent.KINDS)));
      kind = null;
    }
    kind = kind == null ? null : kind.trim().toLowerCase(Locale.ROOT);
    double threshold = Double.NaN;
    if (keys.containsKey("threshold")) {
      if (!TaskEvent.SCORE.equals(kind)) {
        problems.add(
            problem(
                keys.get("threshold"),
                "'threshold' applies only to 'kind: score' (a score at or above it predicts the positive class)"));
      } else {
        threshold = number(keys.get("threshold"), "threshold");
      }
    } else if (TaskEvent.SCORE.equals(kind)) {
      threshold = 0.5;
    }
    String[] cv = componentAndVariables(map, keys, "prediction", "value");
    // Returned even when incomplete (problems are recorded), so that the SLAs are checked by kind.
    return cv == null
        ? new Prediction(null, null, null, kind, threshold)
        : new Prediction(cv[0], cv[1], cv[2], kind, threshold);
  }

  /** {@code [component, id, label]}, all null for {@code feedback: file}; null on a problem. */
  private String[] feedback(Node node) {
    if (node instanceof ScalarNode s) {
      if (s.getValue().trim().equals("file")) {
        return new String[3];
      }
      problems.add(
          problem(
              node,
              "'feedback' must be 'file' (labels only from 'mltrace feedback --file') or a mapping"
                  + " {component:, id:, label:}, not '"
                  + s.getValue()
                  + "'"));
      return null;
    }
    if (!(node instanceof MappingNode map)) {
      problems.add(
          problem(node, "'feedback' must be 'file' or a mapping {component:, id:, label:}"));
      return null;
    }
    return componentAndVariables(map, keys(map, FEEDBACK_KEYS), "feedback", "label");
  }

  /**
   * {@code [component, id, valueOrLabel]} checked against the component's variables; null on a
   * problem.
   */
  private String[] componentAndVariables(
      MappingNode map, Map<String, Node> keys, String where, String valueKey) {
    String component = required(map, keys, "component", where, "a component of this file");
    String id = required(map, keys, "id", where, "the variable holding the identifier(s)");
    String value =
        required(map, keys, valueKey, where, "the variable holding the " + valueKey + "(s)");
    if (component == null) {
      return null;
    }
    ComponentSpec c = components.get(component);
    if (c == null) {
      problems.add(
          problem(
              keys.get("component"),
              "unknown component '"
                  + component
                  + "' in '"
                  + where
                  + "'"
                  + Suggestions.didYouMean(component, components.keySet())
                  + "; a task names a component of this file"));
      return null;
    }
    boolean ok =
        variable(c, keys.get("id"), id, where) & variable(c, keys.get(valueKey), value, where);
    return ok && id != null && value != null ? new String[] {component, id, value} : null;
  }

  private boolean variable(ComponentSpec c, Node node, String name, String where) {
    if (name == null) {
      return false;
    }
    List<String> known = new ArrayList<>(c.outputs());
    known.addAll(c.inputs());
    if (!known.contains(name)) {
      problems.add(
          problem(
              node,
              "'"
                  + name
                  + "' in '"
                  + where
                  + "' is not an output or input of component '"
                  + c.name()
                  + "'"
                  + Suggestions.didYouMean(name, known)
                  + "; expected one of "
                  + known));
      return false;
    }
    return true;
  }

  /**
   * {@code [seconds, 0]} for {@code 7d}, {@code [0, N]} for {@code {last: N}}; null on a problem.
   */
  private long[] window(Node node) {
    if (node instanceof MappingNode map) {
      Map<String, Node> keys = keys(map, List.of("last"));
      Node last = keys.get("last");
      if (last == null) {
        problems.add(problem(node, "'window' must be a duration (7d) or {last: N}"));
        return null;
      }
      long n = wholeNumber(last, "last", MAX_MAX_PAIRS * 1024);
      return n < 0 ? null : new long[] {0, n};
    }
    String text = scalar(node, "window", "a duration (7d, 12h) or {last: N}");
    if (text == null) {
      return null;
    }
    try {
      return new long[] {StaleAfter.seconds(text), 0};
    } catch (IllegalArgumentException e) {
      problems.add(problem(node, "'window' must be {last: N} or " + e.getMessage()));
      return null;
    }
  }

  private long maxPairs(Node node) {
    long n = wholeNumber(node, "max_pairs", MAX_MAX_PAIRS);
    return n < 0 ? DEFAULT_MAX_PAIRS : n;
  }

  private List<TaskEvent.Sla> slas(Node node, String kind) {
    List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    List<TaskEvent.Sla> slas = new ArrayList<>();
    for (Node item : items) {
      Node check = item;
      boolean alert = true;
      if (item instanceof MappingNode map) {
        Map<String, Node> keys = keys(map, SLA_KEYS);
        check = keys.get("check");
        if (check == null) {
          problems.add(problem(item, "an SLA given as a mapping needs 'check:' (recall >= 0.9)"));
          continue;
        }
        if (keys.containsKey("alert")) {
          String a = scalar(keys.get("alert"), "alert", "true or false");
          if (a != null && !a.equals("true") && !a.equals("false")) {
            problems.add(
                problem(keys.get("alert"), "'alert' must be true or false, not '" + a + "'"));
          }
          alert = !"false".equals(a);
        }
      }
      TaskEvent.Sla sla = sla(check, kind, alert);
      if (sla != null) {
        slas.add(sla);
      }
    }
    return slas;
  }

  private TaskEvent.Sla sla(Node node, String kind, boolean alert) {
    String text = scalar(node, "sla item", "a condition like 'recall >= 0.9'");
    if (text == null) {
      return null;
    }
    Matcher m = SLA.matcher(text);
    List<String> metrics = TaskEvent.metricsOf(kind);
    if (!m.matches()) {
      problems.add(
          problem(
              node,
              "SLA '"
                  + text
                  + "' must be METRIC OP NUMBER (recall >= 0.9), with METRIC one of "
                  + metrics
                  + " and OP one of "
                  + TaskEvent.OPS));
      return null;
    }
    String metric = m.group(1).toLowerCase(Locale.ROOT);
    if (!metrics.contains(metric)) {
      problems.add(
          problem(
              node,
              "SLA metric '"
                  + m.group(1)
                  + "' is not computed for 'kind: "
                  + kind
                  + "'"
                  + Suggestions.didYouMean(metric, metrics)
                  + "; expected one of "
                  + metrics));
      return null;
    }
    try {
      double value = Double.parseDouble(m.group(3));
      if (Double.isFinite(value)) {
        return new TaskEvent.Sla(metric, m.group(2), value, alert, source(node));
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(problem(node, "SLA '" + text + "': '" + m.group(3) + "' is not a number"));
    return null;
  }

  private String required(
      MappingNode map, Map<String, Node> keys, String key, String where, String expected) {
    if (!keys.containsKey(key)) {
      problems.add(problem(map, "'" + where + "' has no '" + key + ":'; expected " + expected));
      return null;
    }
    return scalar(keys.get(key), key, expected);
  }

  /** The mapping's keys with their values; unknown and repeated keys are problems. */
  private Map<String, Node> keys(MappingNode map, List<String> allowed) {
    Map<String, Node> keys = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(problem(t.getKeyNode(), "expected a plain key"));
      } else if (!allowed.contains(k.getValue())) {
        problems.add(
            problem(
                k,
                "unknown key '"
                    + k.getValue()
                    + "'"
                    + Suggestions.didYouMean(k.getValue(), allowed)
                    + "; expected one of "
                    + allowed));
      } else if (keys.put(k.getValue(), t.getValueNode()) != null) {
        problems.add(problem(k, "key '" + k.getValue() + "' appears twice here; give it once"));
      }
    }
    return keys;
  }

  private String scalar(Node node, String key, String expected) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue().trim();
    }
    problems.add(problem(node, "'" + key + "' must be " + expected));
    return null;
  }

  private double number(Node node, String key) {
    String text = scalar(node, key, "a number");
    try {
      double d = Double.parseDouble(text == null ? "x" : text);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    if (text != null) {
      problems.add(problem(node, "'" + key + "' must be a number, not '" + text + "'"));
    }
    return Double.NaN;
  }

  /** A whole number from 1 to {@code max}, or -1 with a problem. */
  private long wholeNumber(Node node, String key, long max) {
    String text = scalar(node, key, "a positive whole number");
    try {
      long n = Long.parseLong(text == null ? "x" : text.replace("_", ""));
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    if (text != null) {
      problems.add(
          problem(
              node,
              "'"
                  + key
                  + "' must be a positive whole number up to "
                  + max
                  + ", not '"
                  + text
                  + "'"));
    }
    return -1;
  }

  private String source(Node node) {
    return locations.file(node) + ":" + locations.line(node);
  }

  private ConfigProblem problem(Node node, String message) {
    return locations.problem(node, message);
  }
}
