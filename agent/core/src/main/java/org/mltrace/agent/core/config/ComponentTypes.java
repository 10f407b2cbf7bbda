package org.mltrace.agent.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mltrace.agent.core.spelling.Suggestions;
import org.mltrace.agent.event.TriggerDecl;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The component types a pipeline's components can {@code extends:}: those of its own {@code
 * component_types:} list and of the files it {@code include:}s (paths relative to the including
 * file, includes nested to any depth, each file read once).
 *
 * <p>A type is kept as its YAML mapping, its nodes registered with the file they came from, and
 * merged into each component that extends it before the component is read: so a type's setting is
 * checked like the component's own, and a problem in it names the types file and line. A type's
 * triggers are also checked against the catalog where the type is defined, so a broken type is
 * reported even when no component extends it yet.
 */
final class ComponentTypes {
  static final List<String> TYPE_KEYS =
      List.of(
          "name",
          "description",
          "owner",
          "tags",
          "inputs",
          "outputs",
          "sample",
          "before_run",
          "after_run",
          "stale_after");
  static final List<String> INCLUDED_TOP_KEYS = List.of("include", "component_types");

  private final NodeLocations locations;
  private final List<ConfigProblem> problems;
  private final Map<String, MappingNode> types = new LinkedHashMap<>();
  private final Set<Path> read = new HashSet<>();

  ComponentTypes(String mainFile, NodeLocations locations, List<ConfigProblem> problems) {
    this.locations = locations;
    this.problems = problems;
    read.add(Path.of(mainFile).toAbsolutePath().normalize());
  }

  /** The type's mapping (without its {@code name:}), or null when there is none by that name. */
  MappingNode find(String name) {
    return types.get(name);
  }

  List<String> names() {
    List<String> all = new ArrayList<>(types.keySet());
    all.addAll(Presets.names());
    return all;
  }

  /** {@code include: path} or {@code include: [a, b]}, relative to the file the node is in. */
  void include(Node node) {
    List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    for (Node item : items) {
      if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
        problems.add(
            locations.problem(
                item,
                "'include' must be a path or a list of paths to YAML files of component_types"));
        continue;
      }
      String including = locations.file(item);
      Path parent = Path.of(including).toAbsolutePath().getParent();
      Path target =
          (parent == null ? Path.of(s.getValue()) : parent.resolve(s.getValue()))
              .toAbsolutePath()
              .normalize();
      if (read.add(target)) {
        readFile(item, s.getValue(), target);
      }
    }
  }

  private void readFile(Node includeItem, String written, Path target) {
    String text;
    try {
      text = Files.readString(target, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(
          locations.problem(
              includeItem,
              "cannot read the included file '"
                  + written
                  + "' ("
                  + target
                  + "): "
                  + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString())
                  + "; paths are relative to the including file"));
      return;
    }
    String file = target.toString();
    Node root;
    try {
      root = YamlNodes.compose(file, new StringReader(text));
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return;
    }
    if (root == null) {
      return; // an empty file declares nothing
    }
    locations.register(root, file);
    if (!(root instanceof MappingNode top)) {
      problems.add(
          locations.problem(
              root, "an included file must be a mapping with 'component_types:' (and 'include:')"));
      return;
    }
    Node nested = null;
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : top.getValue()) {
      String key = key(t, INCLUDED_TOP_KEYS, seen);
      if ("include".equals(key)) {
        nested = t.getValueNode();
      } else if ("component_types".equals(key)) {
        define(t.getValueNode());
      }
    }
    if (nested != null) {
      include(nested);
    }
  }

  /** A {@code component_types:} list: each a mapping with {@code name:} and component settings. */
  void define(Node node) {
    if (!(node instanceof SequenceNode seq)) {
      problems.add(
          locations.problem(
              node,
              "'component_types' must be a list of mappings, each starting with '- name: ...'"));
      return;
    }
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode map)) {
        problems.add(
            locations.problem(
                item, "expected a component type mapping (name:, before_run:, after_run:, ...)"));
        continue;
      }
      defineOne(map);
    }
  }

  private void defineOne(MappingNode map) {
    String name = null;
    List<NodeTuple> settings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    TriggerDeclParser triggers = new TriggerDeclParser(locations, problems);
    for (NodeTuple t : map.getValue()) {
      String key = key(t, TYPE_KEYS, seen);
      if (key == null) {
        continue;
      }
      if (key.equals("name")) {
        name =
            t.getValueNode() instanceof ScalarNode s && !s.getValue().isBlank()
                ? s.getValue().trim()
                : null;
        if (name == null) {
          problems.add(
              locations.problem(t.getValueNode(), "'name' must be the component type's name"));
        }
        continue;
      }
      if (key.equals("before_run") || key.equals("after_run")) {
        // Names and arguments now; variables in each component that extends the type.
        triggers.parse(
            t.getValueNode(),
            key.equals("before_run") ? TriggerDecl.BEFORE_RUN : TriggerDecl.AFTER_RUN,
            null,
            null);
      }
      settings.add(t);
    }
    if (name == null) {
      if (!seen.contains("name")) {
        problems.add(
            locations.problem(
                map, "a component type needs 'name:', the name components give in 'extends:'"));
      }
    } else if (Presets.isPreset(name)) {
      problems.add(
          locations.problem(
              map,
              "component type '"
                  + name
                  + "' has the name of a built-in preset "
                  + Presets.names()
                  + "; choose another name"));
    } else if (types.containsKey(name)) {
      MappingNode first = types.get(name);
      problems.add(
          locations.problem(
              map,
              "component type '"
                  + name
                  + "' is defined twice (first at "
                  + locations.file(first)
                  + ":"
                  + locations.line(first)
                  + ")"));
    } else {
      MappingNode type =
          new MappingNode(
              map.getTag(),
              true,
              settings,
              map.getStartMark(),
              map.getEndMark(),
              map.getFlowStyle());
      locations.pin(type, locations.file(map), locations.line(map));
      types.put(name, type);
    }
  }

  private String key(NodeTuple t, List<String> allowed, Set<String> seen) {
    if (!(t.getKeyNode() instanceof ScalarNode k)) {
      problems.add(locations.problem(t.getKeyNode(), "expected a plain key"));
      return null;
    }
    if (!allowed.contains(k.getValue())) {
      problems.add(
          locations.problem(
              k,
              "unknown key '"
                  + k.getValue()
                  + "'"
                  + Suggestions.didYouMean(k.getValue(), allowed)
                  + "; expected one of "
                  + allowed));
      return null;
    }
    if (!seen.add(k.getValue())) {
      problems.add(
          locations.problem(k, "key '" + k.getValue() + "' appears twice here; give it once"));
      return null;
    }
    return k.getValue();
  }
}
