package org.mltrace.collector.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/** The metrics of a real H2 database filled through the real drain, and of a real queue. */
class CollectorMetricsTest {
  @TempDir Path tmp;

  private static final Instant T0 = Instant.EPOCH.plusNanos(RunBuilder.T0_MICROS * 1000);

  private String scrape(Instant now) throws Exception {
    String url = TestDatabases.h2Url(tmp);
    try (CollectorMetrics metrics =
        CollectorMetrics.open(url, tmp.resolve("queue"), Clock.fixed(now, ZoneOffset.UTC))
            .withGauge("mltrace_openlineage_runs_open", "Open runs.", () -> 2)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, metrics.scrape());
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static void assertLine(String text, String line) {
    assertTrue(text.lines().anyMatch(line::equals), "no line '" + line + "' in:\n" + text);
  }

  @Test
  void runsAgentsAndTheQueueBacklogAreReported() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(
        url,
        tmp,
        List.of(
            run("r1", "prep").build(),
            run("r2", "prep").build(),
            run("r3", "train").failedWith("java.lang.IllegalStateException", "boom").build(),
            new AgentStatsEvent(
                "agent-1",
                "host-1",
                42,
                RunBuilder.T0_MICROS,
                3,
                1,
                0,
                null,
                List.of(new NamedCount("breaker_opened", 2)),
                List.of(new NamedCount("prep", 5))),
            new AgentStatsEvent(
                "agent-old",
                "host-1",
                41,
                RunBuilder.T0_MICROS - 3L * 86_400_000_000L,
                9,
                0,
                0,
                null)));
    // A second queue that nothing drained yet: 2 entries behind.
    TestQueues.write(
        tmp.resolve("queue").resolve("host-1-43-aaaaaaaaaaaa"),
        List.of(run("r4", "prep").build(), run("r5", "prep").build()));

    String text = scrape(T0.plusSeconds(3600));

    assertLine(text, "mltrace_runs_stored{component=\"prep\",status=\"ok\"} 2.0");
    assertLine(text, "mltrace_runs_stored{component=\"train\",status=\"failed\"} 1.0");
    assertLine(text, "mltrace_agent_events_written_total{agent=\"agent-1\",host=\"host-1\"} 3.0");
    assertLine(text, "mltrace_agent_events_dropped_total{agent=\"agent-1\",host=\"host-1\"} 1.0");
    assertLine(text, "mltrace_agent_health_total{agent=\"agent-1\",kind=\"breaker_opened\"} 2.0");
    assertLine(text, "mltrace_agent_unrecorded_calls_total{agent=\"agent-1\"} 5.0");
    assertTrue(!text.contains("agent-old"), "an agent silent for 3 days is left out:\n" + text);
    assertLine(text, "mltrace_queue_unread_entries{queue=\"host-1-43-aaaaaaaaaaaa\"} 2.0");
    assertLine(text, "mltrace_queue_unread_entries{queue=\"queue\"} 0.0");
    assertLine(text, "mltrace_queue_lag_seconds{queue=\"queue\"} 0.0");
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "mltrace_queue_lag_seconds\\{queue=\"host-1-43-aaaaaaaaaaaa\"} [0-9.E]+")),
        text);
    assertLine(text, "mltrace_openlineage_runs_open 2.0");
  }
}
