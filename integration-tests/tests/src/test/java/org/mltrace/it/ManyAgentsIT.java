package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four traced JVMs on one host given the same queue directory: each appends to its own queue {@code
 * DIR/HOST-PID-AGENTID/}, and one collector following DIR, started first, discovers each queue as
 * it appears and stores every run exactly once.
 */
class ManyAgentsIT {
  static final int AGENTS = 4;
  static final int RUNS = 2_000;

  @TempDir Path dir;

  @Test
  void oneCollectorFollowsTheQueuesOfFourConcurrentAgents() throws Exception {
    Workload workload = Workload.build(dir.resolve("app"));
    Path queue = dir.resolve("queue");
    CollectorCli db = CollectorCli.h2(dir);
    try (Background collector = db.follow(queue)) {
      List<Background> apps = new ArrayList<>();
      try {
        for (int a = 0; a < AGENTS; a++) {
          apps.add(
              workload.start(
                  dir, queue, "produce", dir.resolve("data-" + a), RUNS, dir.resolve("never")));
        }
        for (Background app : apps) {
          assertEquals(0, app.awaitExit(120), app::toString);
          assertEquals(RUNS, Workload.runsOf(app));
        }
      } finally {
        for (Background app : apps) {
          app.close();
        }
      }
      Poll.until(
          AGENTS * RUNS + " runs stored by the following collector",
          90,
          () -> db.count("SELECT COUNT(*) FROM component_runs") >= AGENTS * RUNS);
      assertEquals(0, collector.stop(), collector::toString);
      assertTrue(
          // per agent: its runs, 2 component declarations, its stats, and 2 code sources (one per
          // component and woven class)
          collector
              .stdout()
              .startsWith(
                  "stored "
                      + (AGENTS * RUNS + AGENTS * 5)
                      + " events ("
                      + AGENTS * RUNS
                      + " runs)"),
          collector::toString);
    }

    List<String> agents =
        RunChecks.assertExactlyOnce(db, List.of(RUNS, RUNS, RUNS, RUNS), "4 agents");
    List<String> queues;
    try (Stream<Path> children = Files.list(queue)) {
      queues = children.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(AGENTS, queues.size(), queues.toString());
    for (String agent : agents) {
      assertEquals(
          1,
          queues.stream().filter(q -> q.matches(".+-\\d+-" + agent)).count(),
          agent + " in " + queues);
    }
    assertEquals(AGENTS, db.count("SELECT COUNT(*) FROM ingest_positions"));
    assertEquals(AGENTS, db.count("SELECT COUNT(*) FROM agent_stats"));
    ProcessResult again = db.run("collect", "--queue", queue.toString(), "--once");
    assertTrue(again.stdout().startsWith("stored 0 events (0 runs)"), again::toString);
  }
}
