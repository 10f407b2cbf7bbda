package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.core.spelling.Suggestions;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The built-in component types a component can {@code extends:} without a types file: {@code
 * training}, {@code preprocessing} and {@code inference}. Their triggers need the component's
 * variable names, which it gives in {@code preset_args:}; each preset turns them into ordinary
 * {@code before_run:}/{@code after_run:} nodes, merged like a user type's (the component's own
 * declarations of the same trigger win).
 *
 * <p>The generated entries reuse the {@code preset_args} value nodes, so a wrong variable is
 * reported on the line that names it; the entries themselves are reported at the {@code extends:}
 * line.
 */
final class Presets {
  /** A preset's arguments: required first, then optional with their default (null: none). */
  private record Preset(List<String> required, Map<String, String> optional) {
    List<String> all() {
      List<String> all = new ArrayList<>(required);
      all.addAll(optional.keySet());
      return all;
    }
  }

  private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put(
        "training",
        new Preset(
            List.of("train_ids", "test_ids", "train_metric", "validation_metric"), Map.of()));
    PRESETS.put("preprocessing", new Preset(List.of("input", "output"), Map.of()));
    Map<String, String> inference = new LinkedHashMap<>();
    inference.put("training_features", null); // default: the same name as features
    inference.put("op", ">=");
    PRESETS.put(
        "inference",
        new Preset(List.of("features", "training_component", "metric", "value"), inference));
  }

  private Presets() {}

  static Set<String> names() {
    return PRESETS.keySet();
  }

  static boolean isPreset(String name) {
    return PRESETS.containsKey(name);
  }

  /**
   * The preset's settings as a component type mapping, or null (with problems added) when {@code
   * preset_args} lacks a required argument or has an unknown one.
   *
   * @param presetArgs the component's {@code preset_args:} value, or null when it has none
   * @param extendsNode the {@code extends:} value, where generated entries are reported
   */
  static MappingNode expand(
      String name,
      Node presetArgs,
      Node extendsNode,
      NodeLocations locations,
      List<ConfigProblem> problems) {
    Preset preset = PRESETS.get(name);
    Map<String, Node> args = new LinkedHashMap<>();
    int before = problems.size();
    if (presetArgs instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
        if (!preset.all().contains(key)) {
          problems.add(
              locations.problem(
                  t.getKeyNode(),
                  "unknown preset argument '"
                      + key
                      + "' for preset '"
                      + name
                      + "'"
                      + Suggestions.didYouMean(key, preset.all())
                      + "; expected "
                      + preset.all()));
        } else if (!(t.getValueNode() instanceof ScalarNode v) || v.getValue().isBlank()) {
          problems.add(
              locations.problem(
                  t.getValueNode(), "preset argument '" + key + "' must be a plain value"));
        } else {
          args.put(key, t.getValueNode());
        }
      }
    } else if (presetArgs != null) {
      problems.add(
          locations.problem(
              presetArgs, "'preset_args' must be a mapping like {input: rawFares, output: fares}"));
      return null;
    }
    List<String> missing = preset.required().stream().filter(r -> !args.containsKey(r)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          locations.problem(
              presetArgs != null ? presetArgs : extendsNode,
              "preset '"
                  + name
                  + "' needs "
                  + (presetArgs == null
                      ? "'preset_args:' giving " + missing
                      : missing + " in 'preset_args:'")
                  + " (the component's variable names its triggers check; see docs/config.md#component-types)"));
    }
    if (problems.size() > before) {
      return null;
    }
    Generator g = new Generator(extendsNode, locations);
    return switch (name) {
      case "training" ->
          g.type(
              List.of(
                  g.entry(
                      "train_test_leakage",
                      "variable",
                      args.get("train_ids"),
                      "other",
                      args.get("test_ids"))),
              List.of(
                  g.entry(
                      "overfitting",
                      "train",
                      args.get("train_metric"),
                      "validation",
                      args.get("validation_metric"))));
      case "preprocessing" ->
          g.type(
              List.of(g.entry("not_null", "variable", args.get("input"))),
              List.of(g.entry("outliers", "variable", args.get("output"))));
      case "inference" -> {
        Node features = args.get("features");
        Node trainingFeatures = args.getOrDefault("training_features", features);
        MappingNode reference =
            g.mapping("component", args.get("training_component"), "variable", trainingFeatures);
        Node op = args.containsKey("op") ? args.get("op") : g.scalar(preset.optional().get("op"));
        yield g.type(
            List.of(g.entry("psi", "variable", features, "reference", reference)),
            List.of(
                g.entry(
                    "metric_threshold",
                    "variable",
                    args.get("metric"),
                    "op",
                    op,
                    "value",
                    args.get("value"))));
      }
      default -> throw new IllegalStateException(name);
    };
  }

  /** Builds nodes that have no position of their own, pinned to the {@code extends:} line. */
  private static final class Generator {
    private final String file;
    private final int line;
    private final NodeLocations locations;

    Generator(Node extendsNode, NodeLocations locations) {
      this.file = locations.file(extendsNode);
      this.line = locations.line(extendsNode);
      this.locations = locations;
    }

    ScalarNode scalar(String value) {
      return pinned(new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN));
    }

    /** A mapping of alternating keys (strings) and values (nodes). */
    MappingNode mapping(Object... keyValues) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        tuples.add(new NodeTuple(scalar((String) keyValues[i]), (Node) keyValues[i + 1]));
      }
      return pinned(new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK));
    }

    MappingNode entry(String trigger, Object... keyValues) {
      Object[] all = new Object[keyValues.length + 2];
      all[0] = "trigger";
      all[1] = scalar(trigger);
      System.arraycopy(keyValues, 0, all, 2, keyValues.length);
      return mapping(all);
    }

    MappingNode type(List<? extends Node> beforeRun, List<? extends Node> afterRun) {
      return mapping("before_run", sequence(beforeRun), "after_run", sequence(afterRun));
    }

    private SequenceNode sequence(List<? extends Node> items) {
      return pinned(
          new SequenceNode(Tag.SEQ, new ArrayList<Node>(items), DumperOptions.FlowStyle.BLOCK));
    }

    private <N extends Node> N pinned(N node) {
      locations.pin(node, file, line);
      return node;
    }
  }
}
