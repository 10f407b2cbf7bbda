package org.mltrace.collector.lineage;

import static org.mltrace.collector.testing.RunBuilder.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.testing.RunBuilder;

/**
 * Random workloads for lineage tests, and the links of storing them one run at a time, which every
 * batched way of storing them must reproduce.
 */
public final class LineageWorkloads {
  private static final List<String> POINTERS =
      List.of("/d/a.csv", "/d/b.csv", "/d/model.bin", "mem://x/T@1", "/d/c.csv");
  private static final String[] FINGERPRINTS = {null, "xxh64:1", "xxh64:2"};

  private LineageWorkloads() {}

  /**
   * {@code n} runs of three components over five pointers, up to two inputs and two outputs each,
   * overlapping in time, with and without fingerprints: many pointers get more producers than a
   * lineage snapshot keeps.
   */
  public static List<RunEvent> randomRuns(Random random, int n) {
    List<RunEvent> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double start = random.nextInt(300);
      RunBuilder b =
          run(String.format("r%03d", i), "c" + random.nextInt(3))
              .at(start, start + random.nextInt(4));
      for (int k = random.nextInt(3); k > 0; k--) {
        b.readsVersion("in" + k, pick(random), FINGERPRINTS[random.nextInt(3)]);
      }
      for (int k = random.nextInt(3); k > 0; k--) {
        b.writesVersion("out" + k, pick(random), FINGERPRINTS[random.nextInt(3)]);
      }
      runs.add(b.build());
    }
    return runs;
  }

  /** The links of storing {@code runs} one at a time, in order: "run|pointer" to the producer. */
  public static Map<String, String> linksOneAtATime(List<RunEvent> runs) {
    InMemoryLineageIndex index = new InMemoryLineageIndex();
    DependencyResolver resolver = new DependencyResolver();
    for (RunEvent r : runs) {
      index.add(r);
      resolver.dependenciesOf(r, index).forEach(index::link);
      resolver.relinksFor(r, index).forEach(index::link);
    }
    return index.links;
  }

  private static String pick(Random random) {
    return POINTERS.get(random.nextInt(POINTERS.size()));
  }
}
