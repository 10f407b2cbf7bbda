package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mltrace.agent.core.spelling.Suggestions;
import org.mltrace.agent.event.TriggerCatalog;
import org.mltrace.agent.event.TriggerDecl;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a component's {@code before_run:} or {@code after_run:} list into {@link TriggerDecl}s,
 * checking each against the {@link TriggerCatalog} so that a wrong name, a missing or unknown
 * argument, or a variable the component does not capture is reported with its line at startup
 * rather than as a failed evaluation in the collector days later.
 *
 * <p>Each entry is a mapping with exactly one of {@code trigger: NAME} (built-in) or {@code user:
 * NAME} (a plugin the collector loads), an optional {@code alert: true|false}, and the arguments.
 * Arguments are flattened to strings: a nested mapping becomes dotted keys, a list is joined with
 * commas. A user trigger's arguments are its own business; only a {@code variable:} is checked.
 */
final class TriggerDeclParser {
  private static final Set<String> NOT_ARGUMENTS = Set.of("trigger", "user", "alert");

  private final NodeLocations locations;
  private final List<ConfigProblem> problems;

  /** The component being read, for messages about inherited declarations; may be null. */
  private String component;

  TriggerDeclParser(NodeLocations locations, List<ConfigProblem> problems) {
    this.locations = locations;
    this.problems = problems;
  }

  /**
   * The declarations of one phase, in YAML order; entries with problems are reported and left out.
   *
   * @param phase {@link TriggerDecl#BEFORE_RUN} or {@link TriggerDecl#AFTER_RUN}
   * @param inputs the component's input names, or null to leave variables unchecked (a component
   *     type's declarations, checked again in each component that extends it)
   * @param outputs the component's output names, or null likewise
   */
  List<TriggerDecl> parse(Node node, String phase, List<String> inputs, List<String> outputs) {
    return parse(node, phase, inputs, outputs, null);
  }

  /**
   * As {@link #parse(Node, String, List, List)}, for component {@code component}, named in a
   * problem found in a declaration that a component type or preset gave it.
   */
  List<TriggerDecl> parse(
      Node node, String phase, List<String> inputs, List<String> outputs, String component) {
    this.component = component;
    if (!(node instanceof SequenceNode seq)) {
      problems.add(
          problem(
              node,
              "'"
                  + phase
                  + "' must be a list of triggers, each like '- trigger: not_null' with its arguments"));
      return List.of();
    }
    List<String> variables = inputs == null ? null : new ArrayList<>(inputs);
    if (variables != null && phase.equals(TriggerDecl.AFTER_RUN)) {
      variables.addAll(0, outputs);
    }
    List<TriggerDecl> decls = new ArrayList<>();
    for (Node item : seq.getValue()) {
      TriggerDecl decl = entry(item, phase, variables);
      if (decl != null) {
        decls.add(decl);
      }
    }
    return decls;
  }

  private TriggerDecl entry(Node node, String phase, List<String> variables) {
    if (!(node instanceof MappingNode map)) {
      problems.add(
          problem(
              node,
              "expected a trigger mapping like '- trigger: not_null' (or '- user: NAME') with its arguments"));
      return null;
    }
    int before = problems.size();
    String builtin = null;
    String user = null;
    Node nameNode = map;
    Boolean alert = null;
    Map<String, String> args = new LinkedHashMap<>();
    Map<String, Node> argNodes = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(problem(t.getKeyNode(), "expected a plain key"));
        continue;
      }
      String key = k.getValue();
      Node value = t.getValueNode();
      if (args.containsKey(key)
          || (NOT_ARGUMENTS.contains(key) && seen(key, builtin, user, alert))) {
        problems.add(problem(k, "key '" + key + "' appears twice here; give it once"));
        continue;
      }
      switch (key) {
        case "trigger" -> {
          builtin =
              scalar(value, "trigger", "a built-in trigger name, one of " + TriggerCatalog.names());
          nameNode = value;
        }
        case "user" -> {
          user = scalar(value, "user", "the name of a user trigger from the collector's plugins");
          nameNode = value;
        }
        case "alert" -> {
          String word = scalar(value, "alert", "true or false");
          if ("true".equals(word) || "false".equals(word)) {
            alert = Boolean.valueOf(word);
          } else if (word != null) {
            problems.add(problem(value, "'alert' must be true or false, not '" + word + "'"));
          }
        }
        default -> flatten(key, value, args, argNodes);
      }
    }
    if (builtin != null && user != null) {
      problems.add(
          problem(map, "give either 'trigger:' (built-in) or 'user:' (a plugin), not both"));
    } else if (builtin == null && user == null && problems.size() == before) {
      problems.add(
          problem(
              map,
              "a trigger entry needs 'trigger: NAME' (one of "
                  + TriggerCatalog.names()
                  + ") or 'user: NAME'"));
    }
    if (problems.size() > before) {
      return null;
    }
    if (builtin != null) {
      checkBuiltin(builtin, nameNode, map, args, argNodes);
    } else if (args.containsKey(TriggerNeeds.USER_NEEDS)) {
      checkUserNeeds(args.get(TriggerNeeds.USER_NEEDS), argNodes.get(TriggerNeeds.USER_NEEDS));
    }
    boolean known = builtin == null || TriggerCatalog.find(builtin) != null;
    if (variables != null && known) {
      checkVariables(builtin, phase, variables, argNodes, args);
    }
    if (problems.size() > before) {
      return null;
    }
    String source = locations.file(map) + ":" + locations.line(map);
    return new TriggerDecl(
        phase, builtin != null ? builtin : user, builtin == null, args, alert, source);
  }

  private static boolean seen(String key, String builtin, String user, Boolean alert) {
    return switch (key) {
      case "trigger" -> builtin != null;
      case "user" -> user != null;
      default -> alert != null;
    };
  }

  private void checkBuiltin(
      String name,
      Node nameNode,
      Node entry,
      Map<String, String> args,
      Map<String, Node> argNodes) {
    TriggerCatalog.Entry e = TriggerCatalog.find(name);
    if (e == null) {
      List<String> near = Suggestions.nearest(name, TriggerCatalog.names(), 3);
      problems.add(
          problem(
              nameNode,
              "unknown trigger '"
                  + name
                  + "'"
                  + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near))
                  + "; built-in triggers are "
                  + TriggerCatalog.names()
                  + " (a plugin's trigger is declared with 'user: NAME')"));
      return;
    }
    for (Map.Entry<String, Node> arg : argNodes.entrySet()) {
      if (!e.accepts(arg.getKey())) {
        problems.add(
            problem(
                arg.getValue(),
                "unknown argument '"
                    + arg.getKey()
                    + "' for trigger '"
                    + name
                    + "'"
                    + Suggestions.didYouMean(arg.getKey(), e.argumentNames())
                    + "; expected "
                    + e.argumentNames()));
      }
    }
    // The catalog words the rest (missing, empty or malformed values) the same for agent and
    // collector.
    Map<String, String> known = new LinkedHashMap<>(args);
    known.keySet().removeIf(k -> !e.accepts(k));
    for (String p : e.problems(known)) {
      Node at = argNodes.getOrDefault(quoted(p), entry);
      problems.add(problem(at, p));
    }
  }

  /**
   * A user trigger's {@code needs: [sample, hashes]}: what the agent must keep of its variables.
   */
  private void checkUserNeeds(String needs, Node node) {
    for (String word : needs.split(",")) {
      if (!TriggerNeeds.USER_NEEDS_WORDS.contains(word.trim())) {
        problems.add(
            problem(
                node,
                "'needs' must list "
                    + TriggerNeeds.USER_NEEDS_WORDS
                    + " (what the agent keeps of the trigger's"
                    + " 'variable' and 'other'), not '"
                    + word.trim()
                    + "'"
                    + Suggestions.didYouMean(word.trim(), TriggerNeeds.USER_NEEDS_WORDS)));
      }
    }
  }

  /** The argument a catalog message starts with ({@code 'op' of trigger ...}), or "". */
  private static String quoted(String message) {
    return message.startsWith("'") ? message.substring(1, message.indexOf('\'', 1)) : "";
  }

  /**
   * Every argument that names a variable of this component must be one it captures: an input before
   * the run; an output or an input after it.
   */
  private void checkVariables(
      String builtin,
      String phase,
      List<String> variables,
      Map<String, Node> argNodes,
      Map<String, String> args) {
    TriggerCatalog.Entry e = builtin == null ? null : TriggerCatalog.find(builtin);
    List<String> variableArgs = e == null ? List.of("variable") : e.variableArgs();
    for (String arg : variableArgs) {
      String name = args.get(arg);
      if (name == null || variables.contains(name)) {
        continue;
      }
      String which = phase.equals(TriggerDecl.BEFORE_RUN) ? "inputs" : "outputs or inputs";
      problems.add(
          problem(
              argNodes.get(arg),
              "'"
                  + arg
                  + ": "
                  + name
                  + "' is not one of the component's "
                  + which
                  + " "
                  + variables
                  + Suggestions.didYouMean(name, variables)
                  + (phase.equals(TriggerDecl.BEFORE_RUN)
                      ? "; before_run triggers see the inputs as captured at entry"
                      : "")
                  + (component != null && !locations.isMainFileLine(argNodes.get(arg))
                      ? " (in component '" + component + "', which extends it)"
                      : "")));
    }
  }

  /** Scalars as they are, nested mappings as dotted keys, lists of scalars joined with commas. */
  private void flatten(
      String key, Node value, Map<String, String> args, Map<String, Node> argNodes) {
    if (value instanceof MappingNode nested) {
      for (NodeTuple t : nested.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          flatten(key + "." + k.getValue(), t.getValueNode(), args, argNodes);
        } else {
          problems.add(problem(t.getKeyNode(), "expected a plain key"));
        }
      }
    } else if (value instanceof SequenceNode list) {
      List<String> items = new ArrayList<>();
      for (Node item : list.getValue()) {
        String s = scalar(item, key + " item", "a plain value");
        if (s != null) {
          items.add(s);
        }
      }
      put(key, items.stream().collect(Collectors.joining(",")), value, args, argNodes);
    } else if (value instanceof ScalarNode scalar) {
      put(key, scalar.getValue().trim(), value, args, argNodes);
    } else {
      problems.add(problem(value, "argument '" + key + "' must be a value, a list or a mapping"));
    }
  }

  private void put(
      String key, String value, Node node, Map<String, String> args, Map<String, Node> argNodes) {
    if (args.containsKey(key)) {
      problems.add(problem(node, "argument '" + key + "' is given twice"));
      return;
    }
    args.put(key, value);
    argNodes.put(key, node);
  }

  private String scalar(Node node, String key, String expected) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue().trim();
    }
    problems.add(problem(node, "'" + key + "' must be " + expected));
    return null;
  }

  private ConfigProblem problem(Node node, String message) {
    return locations.problem(node, message);
  }
}
