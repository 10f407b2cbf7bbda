package org.mltrace.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TriggerDecl;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.collector.cli.MltraceCommand;
import org.mltrace.collector.testing.TestDatabases;
import org.mltrace.collector.testing.TestQueues;

/**
 * {@code mltrace collect --once} end to end: a component declares {@code accuracy >= 0.9}
 * (metric_threshold, which alerts by default); its four runs measure 0.93, 0.85, 0.80, 0.95. One
 * alert opens at the second run and resolves at the fourth; the webhook and the command hook each
 * receive those two events, and the third run pages nobody.
 */
class CollectWithAlertsTest {
  @TempDir Path tmp;

  private static CapturedValue accuracy(double v) {
    return new CapturedValue(
        "accuracy", ValueKind.DOUBLE, Double.toString(v), null, "java.lang.Double", -1);
  }

  @Test
  void oneAlertOpensAndResolvesAndBothSinksHearOfIt() throws Exception {
    List<Event> events = new ArrayList<>();
    events.add(
        new ComponentEvent(
            "evaluate",
            "scores the model",
            "ml-team",
            List.of(),
            List.of("Eval#run()"),
            List.of(
                new TriggerDecl(
                    "after_run",
                    "metric_threshold",
                    false,
                    Map.of("variable", "accuracy", "op", ">=", "value", "0.9"),
                    null,
                    "taxi.yaml:12")),
            null));
    double[] measured = {0.93, 0.85, 0.80, 0.95};
    for (int i = 0; i < measured.length; i++) {
      events.add(
          run("evaluate-" + (i + 1), "evaluate")
              .at(10 * i, 10 * i + 1)
              .output(accuracy(measured[i]))
              .build());
    }
    Path queue = tmp.resolve("queue");
    TestQueues.write(queue, events);
    String db = TestDatabases.h2Url(tmp);
    Path hookLog = tmp.resolve("hook.log");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (RecordingWebhook webhook = new RecordingWebhook()) {
      code =
          MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(
                  "collect",
                  "--once",
                  "--queue",
                  queue.toString(),
                  "--db",
                  db,
                  "--alert-webhook",
                  webhook.url().toString(),
                  "--alert-command",
                  "echo \"$MLTRACE_ALERT_EVENT $MLTRACE_ALERT_ID $MLTRACE_ALERT_RUN_ID\" >> '"
                      + hookLog
                      + "'");
      assertEquals(0, code, err.toString());

      List<String> bodies = webhook.bodies();
      assertEquals(2, bodies.size());
      ObjectMapper mapper = new ObjectMapper();
      JsonNode opened = mapper.readTree(bodies.get(0));
      JsonNode resolved = mapper.readTree(bodies.get(1));
      assertEquals("opened", opened.get("event").asText());
      assertEquals("evaluate", opened.get("component").asText());
      assertEquals("metric_threshold", opened.get("trigger").asText());
      assertEquals("after_run", opened.get("phase").asText());
      assertEquals("evaluate-2", opened.get("run_id").asText());
      assertEquals(0.85, opened.get("value").asDouble());
      assertEquals(0.9, opened.get("threshold").asDouble());
      assertEquals("accuracy = 0.85 violates accuracy >= 0.9", opened.get("message").asText());
      assertTrue(opened.get("resolved_at").isNull());
      assertEquals("resolved", resolved.get("event").asText());
      assertEquals(opened.get("alert_id").asLong(), resolved.get("alert_id").asLong());
      assertEquals("evaluate-4", resolved.get("run_id").asText());
      assertEquals(0.95, resolved.get("value").asDouble());
      assertEquals(opened.get("opened_at").asText(), resolved.get("opened_at").asText());
    }
    assertEquals("opened 1 evaluate-2\nresolved 1 evaluate-4\n", Files.readString(hookLog));
    assertTrue(
        out.toString()
            .contains("alerts: 1 opened, 1 resolved; alert notifications: 4 delivered, 0 failed\n"),
        out.toString());

    StringWriter listed = new StringWriter();
    MltraceCommand.commandLine(new PrintWriter(listed, true), new PrintWriter(err, true))
        .execute("alerts", "--db", db);
    assertEquals("no open alerts\n", listed.toString());
  }

  @Test
  void aWebhookThatIsNotHttpIsAUsageError() {
    StringWriter err = new StringWriter();
    int code =
        MltraceCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
            .execute(
                "collect",
                "--once",
                "--queue",
                tmp.toString(),
                "--db",
                TestDatabases.h2Url(tmp),
                "--alert-webhook",
                "ftp://example.com/x");
    assertEquals(1, code);
    assertTrue(
        err.toString()
            .contains(
                "--alert-webhook must be an http:// or https:// URL with a host, got"
                    + " 'ftp://example.com/x'"),
        err.toString());
  }
}
