package org.mltrace.collector.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.Event;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcLabelStore;
import org.mltrace.collector.store.RunSnapshotReader;
import org.mltrace.collector.store.TriggerOutcome;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.trigger.RetractedRead;

/**
 * {@code retracted_input} on a chain (each run reads the previous one's output) after a label is
 * retracted: each run's answer comes from its dependency's, so the upstream is walked once, not
 * once per run, and the answers are those of the full walk.
 */
class RetractedTaintTest {
  @TempDir Path tmp;

  private static List<Event> chain(int from, int to) {
    List<Event> runs = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      runs.add(
          run("step-" + i, "step")
              .at(i, i + 0.5)
              .reads("in", i == 0 ? "/raw.csv" : "/f" + (i - 1))
              .writes("return", "/f" + i)
              .build());
    }
    return runs;
  }

  @Test
  void aChainIsWalkedOnceAndEveryRunDerivedFromTheRetractedDataFails() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(url, tmp.resolve("q1"), chain(0, 30));
    try (Database db = Database.open(url, Database.Access.EXISTING)) {
      JdbcLabelStore labels = new JdbcLabelStore(db);
      labels.add("/raw.csv", "client-9", Instant.parse("2026-01-01T00:00:00Z"));
      labels.retract("client-9", Instant.parse("2026-01-01T00:00:01Z"));
    }
    List<Event> later = new ArrayList<>(chain(31, 70));
    later.add(run("side-1", "step").at(80, 81).reads("in", "/elsewhere.csv").build());
    TestDatabases.ingest(url, tmp.resolve("q2"), later);

    long walks;
    try (TriggerEngine engine =
        TriggerEngine.open(
            url,
            TriggerRegistry.load(null),
            new TriggerEngine.Settings(2, Duration.ofSeconds(30), 10, 100),
            ids -> {},
            Clock.systemUTC())) {
      assertEquals(41, engine.evaluateAllPending());
      walks = engine.retractedWalks();
    }
    // step-30's upstream, for step-31 (batch 1); every later run's dependency was answered before
    assertEquals(1, walks, "upstream walks (one per run would be 41)");

    try (QueryService q = QueryService.open(url);
        Database db = Database.open(url, Database.Access.EXISTING)) {
      RunSnapshotReader reader = new RunSnapshotReader(db);
      for (int i = 31; i <= 70; i++) {
        TriggerOutcome r = q.inspect("step-" + i).triggers().get(0);
        assertEquals("retracted_input", r.triggerName());
        assertEquals("fail", r.status(), "step-" + i);
        assertEquals(1.0, r.value());
      }
      List<RetractedRead> walked = RetractedReads.of(reader, "step-70");
      assertEquals(
          List.of("client-9 /raw.csv"),
          walked.stream().map(x -> x.label() + " " + x.pointer()).toList());
      assertEquals("pass", q.inspect("side-1").triggers().get(0).status());
      assertEquals(List.of(), q.inspect("step-30").triggers(), "stored before the retraction");
    }
  }
}
