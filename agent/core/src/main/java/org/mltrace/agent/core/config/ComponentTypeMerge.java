package org.mltrace.agent.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.agent.core.spelling.Suggestions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A component's settings with those of the type it {@code extends:} merged in, before the component
 * is read: a setting the component gives itself wins over the type's; the {@code
 * before_run:}/{@code after_run:} lists are joined, the type's entries first, except those the
 * component declares again by the same trigger name (its own declaration replaces the type's).
 */
final class ComponentTypeMerge {
  private static final Set<String> TRIGGER_LISTS = Set.of("before_run", "after_run");

  private final ComponentTypes types;
  private final NodeLocations locations;
  private final List<ConfigProblem> problems;

  ComponentTypeMerge(ComponentTypes types, NodeLocations locations, List<ConfigProblem> problems) {
    this.types = types;
    this.locations = locations;
    this.problems = problems;
  }

  /**
   * The component's own key/value pairs with the type's merged in, own keys in their order first.
   */
  List<NodeTuple> settings(MappingNode component) {
    List<NodeTuple> own = component.getValue();
    Node extendsNode = valueOf(own, "extends");
    Node presetArgs = valueOf(own, "preset_args");
    if (extendsNode == null) {
      if (presetArgs != null) {
        problems.add(
            locations.problem(
                presetArgs,
                "'preset_args' needs 'extends:' naming a built-in preset " + Presets.names()));
      }
      return own;
    }
    MappingNode type = type(extendsNode, presetArgs);
    return type == null ? own : merge(own, type.getValue());
  }

  private MappingNode type(Node extendsNode, Node presetArgs) {
    if (!(extendsNode instanceof ScalarNode s) || s.getValue().isBlank()) {
      problems.add(
          locations.problem(
              extendsNode, "'extends' must name a component type: one of " + types.names()));
      return null;
    }
    String name = s.getValue().trim();
    if (Presets.isPreset(name)) {
      return Presets.expand(name, presetArgs, extendsNode, locations, problems);
    }
    MappingNode type = types.find(name);
    if (type == null) {
      List<String> near = Suggestions.nearest(name, types.names(), 3);
      problems.add(
          locations.problem(
              extendsNode,
              "unknown component type '"
                  + name
                  + "'"
                  + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near))
                  + "; known types are "
                  + types.names()
                  + " (define types under 'component_types:' here or in a file given to 'include:')"));
      return null;
    }
    if (presetArgs != null) {
      problems.add(
          locations.problem(
              presetArgs,
              "'preset_args' is for the built-in presets "
                  + Presets.names()
                  + "; '"
                  + name
                  + "' is a component type whose settings name the variables themselves"));
    }
    return type;
  }

  private List<NodeTuple> merge(List<NodeTuple> own, List<NodeTuple> inherited) {
    List<NodeTuple> merged = new ArrayList<>(own);
    for (NodeTuple t : inherited) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      int mine = indexOf(merged, key);
      if (mine < 0) {
        merged.add(t);
      } else if (TRIGGER_LISTS.contains(key)
          && merged.get(mine).getValueNode() instanceof SequenceNode ownList
          && t.getValueNode() instanceof SequenceNode typeList) {
        merged.set(mine, new NodeTuple(merged.get(mine).getKeyNode(), joined(typeList, ownList)));
      }
    }
    return merged;
  }

  /** The type's entries the component does not declare again, then the component's own. */
  private static SequenceNode joined(SequenceNode typeList, SequenceNode ownList) {
    Set<String> redeclared = new HashSet<>();
    for (Node entry : ownList.getValue()) {
      String name = triggerName(entry);
      if (name != null) {
        redeclared.add(name);
      }
    }
    List<Node> items = new ArrayList<>();
    for (Node entry : typeList.getValue()) {
      if (!redeclared.contains(triggerName(entry))) {
        items.add(entry);
      }
    }
    items.addAll(ownList.getValue());
    return new SequenceNode(
        Tag.SEQ, true, items, ownList.getStartMark(), ownList.getEndMark(), ownList.getFlowStyle());
  }

  /** {@code trigger:NAME} or {@code user:NAME} of an entry, or null when it has neither. */
  private static String triggerName(Node entry) {
    if (entry instanceof MappingNode map) {
      for (String kind : List.of("trigger", "user")) {
        Node v = valueOf(map.getValue(), kind);
        if (v instanceof ScalarNode s) {
          return kind + ":" + s.getValue().trim();
        }
      }
    }
    return null;
  }

  private static Node valueOf(List<NodeTuple> tuples, String key) {
    int i = indexOf(tuples, key);
    return i < 0 ? null : tuples.get(i).getValueNode();
  }

  private static int indexOf(List<NodeTuple> tuples, String key) {
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
