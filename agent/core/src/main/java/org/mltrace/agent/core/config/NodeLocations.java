package org.mltrace.agent.core.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Which file and line a YAML node came from, so that a problem found in a component's merged
 * settings names where the setting was written: the pipeline file, an {@code include:}d file of
 * component types, or (for a built-in preset's generated entries) the {@code extends:} line that
 * asked for them. Nodes not registered belong to the file being loaded.
 */
final class NodeLocations {
  private final String mainFile;
  private final Map<Node, String> files = new IdentityHashMap<>();
  private final Map<Node, Integer> pinnedLines = new IdentityHashMap<>();

  NodeLocations(String mainFile) {
    this.mainFile = mainFile;
  }

  /** Every node under {@code root} belongs to {@code file} (an included file). */
  void register(Node root, String file) {
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (files.put(n, file) != null) {
        continue; // an alias seen twice
      }
      if (n instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          todo.push(t.getKeyNode());
          todo.push(t.getValueNode());
        }
      } else if (n instanceof SequenceNode s) {
        s.getValue().forEach(todo::push);
      }
    }
  }

  /** A generated node (it has no position of its own) reported at {@code file:line}. */
  void pin(Node node, String file, int line) {
    files.put(node, file);
    pinnedLines.put(node, line);
  }

  String file(Node node) {
    return files.getOrDefault(node, mainFile);
  }

  int line(Node node) {
    Integer pinned = pinnedLines.get(node);
    if (pinned != null) {
      return pinned;
    }
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** Whether the node was written where it is reported: in the main file, not generated. */
  boolean isMainFileLine(Node node) {
    return !files.containsKey(node);
  }

  ConfigProblem problem(Node node, String message) {
    return new ConfigProblem(file(node), line(node), message);
  }
}
