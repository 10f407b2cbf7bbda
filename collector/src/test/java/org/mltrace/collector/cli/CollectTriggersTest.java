package org.mltrace.collector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.evaluation.TriggerEngine;
import org.mltrace.collector.evaluation.TriggerRegistry;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.testing.PluginJars;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;
import org.mltrace.collector.trigger.TriggerResultsListener;

/**
 * {@code collect} evaluates the declared triggers: after draining with --once, beside it without.
 */
class CollectTriggersTest {
  @TempDir Path tmp;

  static List<Event> tipsPipeline(String... runIds) {
    TriggerDecl tipRate =
        new TriggerDecl(
            "after_run", "tip_rate_check", true, Map.of("min", "0.2"), null, "tips.yaml:9");
    TriggerDecl positive =
        new TriggerDecl(
            "after_run",
            "metric_threshold",
            false,
            Map.of("variable", "tipRate", "op", ">", "value", "0"),
            false,
            "tips.yaml:12");
    List<Event> events = new java.util.ArrayList<>();
    events.add(
        new ComponentEvent(
            "tips", "tip rate", "ml", List.of(), List.of(), List.of(tipRate, positive), null));
    for (int i = 0; i < runIds.length; i++) {
      events.add(
          run(runIds[i], "tips")
              .at(10 * i, 10 * i + 1)
              .output(
                  new CapturedValue(
                      "tipRate",
                      ValueKind.DOUBLE,
                      i % 2 == 0 ? "0.25" : "0.1",
                      null,
                      "java.lang.Double",
                      -1))
              .build());
    }
    return events;
  }

  @Test
  void onceExitsOnlyAfterTheDrainedRunsTriggersWereEvaluated() throws Exception {
    Path jar = PluginJars.build(tmp, "acme", "com.acme.TipRateCheck", PluginJars.TIP_RATE_CHECK);
    Path queue = tmp.resolve("queue");
    String db = TestDatabases.h2Url(tmp);
    TestQueues.write(queue, tipsPipeline("t-1", "t-2"));

    MltraceCommandTest.Result r =
        MltraceCommandTest.mltrace(
            "collect",
            "--queue",
            queue.toString(),
            "--once",
            "--db",
            db,
            "--plugins",
            jar.toString(),
            "--trigger-threads",
            "1",
            "--trigger-timeout",
            "5s");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\nevaluated the triggers of 2 runs\n"), r.out());
    try (QueryService q = QueryService.open(db)) {
      assertEquals(
          List.of(
              List.of(
                  "t-1", 0, "tip_rate_check", "pass", 0.25, 0.2, "tip rate 0.25 vs at least 0.2"),
              List.of("t-1", 1, "metric_threshold", "pass", 0.25, 0.0),
              List.of("t-2", 0, "tip_rate_check", "fail", 0.1, 0.2, "tip rate 0.1 vs at least 0.2"),
              List.of("t-2", 1, "metric_threshold", "pass", 0.1, 0.0)),
          q
              .sql(
                  "SELECT run_id, position, trigger_name, status, value, threshold, message"
                      + " FROM trigger_results ORDER BY run_id, position")
              .rows()
              .stream()
              .map(row -> row.get(2).equals("metric_threshold") ? row.subList(0, 6) : row)
              .toList());
      assertEquals(List.of(List.of(0L)), q.sql("SELECT COUNT(*) FROM trigger_pending").rows());
    }
  }

  @Test
  void aMissingPluginsPathIsAOneLineUsageError() {
    Path missing = tmp.resolve("no-such-plugins");
    MltraceCommandTest.Result r =
        MltraceCommandTest.mltrace(
            "collect",
            "--queue",
            tmp.resolve("q").toString(),
            "--once",
            "--db",
            TestDatabases.h2Url(tmp),
            "--plugins",
            missing.toString());

    assertEquals(1, r.code(), r.err());
    assertEquals(
        "mltrace: --plugins "
            + missing
            + ": no such file or directory (expected a jar or a directory of jars)\n",
        r.err());
  }

  @Test
  void followingEvaluatesTriggersWhileItDrains() throws Exception {
    Path jar = PluginJars.build(tmp, "acme", "com.acme.TipRateCheck", PluginJars.TIP_RATE_CHECK);
    Path queue = tmp.resolve("queue");
    String db = TestDatabases.h2Url(tmp);
    TestQueues.write(queue, tipsPipeline("t-1"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<DrainResult> drained = new AtomicReference<>();
    try (Collector collector = Collector.open(db)) {
      collector.evaluatingTriggers(
          TriggerRegistry.load(jar),
          TriggerEngine.Settings.DEFAULT.with(2, Duration.ofSeconds(5)),
          TriggerResultsListener.NONE);
      Thread follower = new Thread(() -> drained.set(collector.follow(queue, stop::get)));
      follower.start();
      try {
        awaitResults(db, 2);
        // A run appended while it follows is stored, then evaluated, without a restart.
        TestQueues.write(queue, List.of(tipsPipeline("t-1", "t-2").get(2)));
        awaitResults(db, 4);
      } finally {
        stop.set(true);
        follower.join(10_000);
      }
    }
    assertEquals(2, drained.get().runs());
  }

  private static void awaitResults(String db, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      try (QueryService q = QueryService.open(db)) {
        seen = (Long) q.sql("SELECT COUNT(*) FROM trigger_results").rows().get(0).get(0);
      }
      if (seen == expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + expected + " trigger results, saw " + seen);
  }
}
