package org.mltrace.collector.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamWalkerTest {
  private final Map<String, List<Dependency>> graph = new HashMap<>();

  private void edge(String consumer, String producer, String pointer) {
    graph
        .computeIfAbsent(consumer, k -> new ArrayList<>())
        .add(new Dependency(consumer, producer, pointer));
  }

  private UpstreamWalker.Node walk(String root, int maxNodes) {
    return new UpstreamWalker(id -> graph.getOrDefault(id, List.of()), maxNodes, -1).walk(root);
  }

  /** Renders "id(child,child)" to compare whole trees at once. */
  private static String shape(UpstreamWalker.Node n) {
    if (n.upstream().isEmpty()) {
      return n.runId();
    }
    List<String> children = n.upstream().stream().map(UpstreamWalkerTest::shape).toList();
    return n.runId() + "(" + String.join(",", children) + ")";
  }

  @Test
  void sharedInputRepeatsOncePerPathDepthFirstInInputOrder() {
    // eval reads model and test split; model reads train split; both splits come from one split
    // run.
    edge("eval", "train", "/m/model");
    edge("eval", "split", "/d/test");
    edge("train", "split", "/d/train");
    edge("split", "load", "/d/raw");
    UpstreamWalker.Node root = walk("eval", 100);
    assertEquals("eval(train(split(load)),split(load))", shape(root));
    assertEquals(List.of(), root.via());
    assertEquals(List.of("/m/model"), root.upstream().get(0).via());
  }

  @Test
  void twoPointersFromOneProducerGiveOneChildWithBothVia() {
    edge("c", "p", "/a");
    edge("c", "p", "/b");
    UpstreamWalker.Node root = walk("c", 100);
    assertEquals("c(p)", shape(root));
    assertEquals(List.of("/a", "/b"), root.upstream().get(0).via());
  }

  @Test
  void cycleTerminatesAndNeverRepeatsARunOnOnePath() {
    edge("a", "b", "/x");
    edge("b", "c", "/y");
    edge("c", "a", "/z"); // clock skew between hosts can produce this
    edge("c", "d", "/w");
    assertEquals("a(b(c(d)))", shape(walk("a", 100)));
  }

  @Test
  void selfLoopIsIgnored() {
    edge("a", "a", "/x");
    assertEquals("a", shape(walk("a", 100)));
  }

  @Test
  void largeTreesAreCutAndMarked() {
    for (int i = 0; i < 10; i++) {
      edge("root", "p" + i, "/p" + i);
    }
    UpstreamWalker.Node root = walk("root", 4);
    assertEquals(3, root.upstream().size());
    assertTrue(root.truncated());
    assertFalse(root.upstream().get(0).truncated());
  }
}
