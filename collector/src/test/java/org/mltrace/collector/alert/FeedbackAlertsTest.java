package org.mltrace.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.agent.event.ValueSummary;
import org.mltrace.collector.cli.MltraceCommand;
import org.mltrace.collector.testing.RunBuilder;
import org.mltrace.collector.testing.TestDatabases;

/** {@code mltrace feedback} sends the SLA alerts its labels open to the same sinks as collect. */
class FeedbackAlertsTest {
  @TempDir Path tmp;

  private static CapturedValue texts(String name, String... texts) {
    ValueSummary s =
        new ValueSummary(
                "number", "all", texts.length, texts.length, 0, 0, 0, 1, 0.5, 0, texts.length)
            .withTexts(new ArrayList<>(Arrays.asList(texts)));
    return new CapturedValue(
        name, ValueKind.POINTER, "mem://" + name, "data", "[D", texts.length, s, null);
  }

  @Test
  void aFeedbackFileThatBreaksAnSlaPostsTheOpenedAlert() throws Exception {
    // Two predictions, both positive (scores 0.9 and 0.8); labels 1 and 0: precision 1/2 < 0.9.
    // (A last-N window: the runs are dated 2026-01-01, older than any duration window now.)
    List<Event> events =
        List.of(
            new TaskEvent(
                "tips",
                TaskEvent.SCORE,
                0.5,
                "predict",
                "ids",
                "scores",
                null,
                null,
                null,
                0,
                100,
                100,
                List.of(new TaskEvent.Sla("precision", ">=", 0.9, true, "p.yaml:9")),
                "p.yaml:3"),
            RunBuilder.run("predict-1", "predict")
                .output(texts("ids", "a", "b"))
                .output(texts("scores", "0.9", "0.8"))
                .build());
    String db = TestDatabases.h2Url(tmp);
    TestDatabases.ingest(db, tmp, events);
    Path labels = Files.writeString(tmp.resolve("labels.csv"), "id,label\na,1\nb,0\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (RecordingWebhook webhook = new RecordingWebhook()) {
      int code =
          MltraceCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(
                  "feedback",
                  "--file",
                  labels.toString(),
                  "--db",
                  db,
                  "--alert-webhook",
                  webhook.url().toString());
      assertEquals(0, code, err.toString());
      assertEquals(1, webhook.bodies().size(), webhook.bodies().toString());
      JsonNode opened = new ObjectMapper().readTree(webhook.bodies().get(0));
      assertEquals("opened", opened.get("event").asText());
      assertEquals("task:tips", opened.get("component").asText());
      assertEquals("precision >= 0.9", opened.get("trigger").asText());
    }
    assertTrue(
        out.toString().contains("alert #1 opened: task:tips SLA precision >= 0.9"), out.toString());
  }
}
