package org.mltrace.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook against a real local HTTP server, and the command hook running a real shell. */
class SinksTest {
  private static final AlertEvent OPENED =
      new AlertEvent(
          AlertEvent.Type.OPENED,
          7,
          "train",
          "metric_threshold",
          "after_run",
          "train-2",
          0.85,
          0.9,
          "accuracy 0.85 < 0.9",
          Instant.parse("2026-01-01T02:10:05Z"),
          null);
  private static final String OPENED_JSON =
      "{\"event\":\"opened\",\"alert_id\":7,\"component\":\"train\",\"trigger\":\"metric_threshold\","
          + "\"phase\":\"after_run\",\"run_id\":\"train-2\",\"value\":0.85,\"threshold\":0.9,"
          + "\"message\":\"accuracy 0.85 < 0.9\",\"opened_at\":\"2026-01-01T02:10:05Z\","
          + "\"resolved_at\":null}";

  @TempDir Path tmp;

  private static WebhookSink quick(URI url) {
    return new WebhookSink(url, 3, Duration.ofMillis(10), Duration.ofSeconds(2));
  }

  @Test
  void webhookPostsTheDocumentedJson() throws Exception {
    try (RecordingWebhook hook = new RecordingWebhook()) {
      quick(hook.url()).send(OPENED);
      assertEquals(List.of(OPENED_JSON), hook.bodies());
    }
  }

  @Test
  void webhookRetriesAServerErrorThenSucceeds() throws Exception {
    try (RecordingWebhook hook = new RecordingWebhook()) {
      hook.failNext(500, 503);
      quick(hook.url()).send(OPENED);
      assertEquals(3, hook.requests());
      assertEquals(List.of(OPENED_JSON), hook.bodies());
    }
  }

  @Test
  void webhookGivesUpAfterItsAttempts() throws Exception {
    try (RecordingWebhook hook = new RecordingWebhook()) {
      hook.failNext(500, 500, 500);
      IOException e = assertThrows(IOException.class, () -> quick(hook.url()).send(OPENED));
      assertEquals("HTTP 500 from " + hook.url() + " (3 attempts)", e.getMessage());
      assertEquals(3, hook.requests());
    }
  }

  @Test
  void aWebhookThatIsDownIsCountedAndNeverThrows() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    AlertNotifier notifier =
        new AlertNotifier(List.of(quick(URI.create("http://127.0.0.1:" + port + "/hook"))));
    long before = System.nanoTime();
    notifier.submit(OPENED); // returns at once, whatever the sink does
    assertTrue(Duration.ofNanos(System.nanoTime() - before).toMillis() < 1_000);
    assertTrue(notifier.awaitIdle(Duration.ofSeconds(20)));
    assertEquals(1, notifier.failed());
    assertEquals(0, notifier.delivered());
    assertEquals("alert notifications: 0 delivered, 1 failed", notifier.summary());
    notifier.close();
  }

  @Test
  void commandHookGetsTheJsonOnStdinAndTheFieldsInItsEnvironment() throws Exception {
    Path json = tmp.resolve("alert.json");
    Path env = tmp.resolve("alert.env");
    CommandSink sink =
        new CommandSink(
            "cat > '"
                + json
                + "'; echo \"$MLTRACE_ALERT_EVENT $MLTRACE_ALERT_ID $MLTRACE_ALERT_COMPONENT"
                + " $MLTRACE_ALERT_TRIGGER $MLTRACE_ALERT_PHASE $MLTRACE_ALERT_RUN_ID"
                + " $MLTRACE_ALERT_VALUE $MLTRACE_ALERT_THRESHOLD [$MLTRACE_ALERT_RESOLVED_AT]"
                + " $MLTRACE_ALERT_MESSAGE\" > '"
                + env
                + "'",
            Duration.ofSeconds(10));
    sink.send(OPENED);
    assertEquals(OPENED_JSON, Files.readString(json));
    assertEquals(
        "opened 7 train metric_threshold after_run train-2 0.85 0.9 [] accuracy 0.85 < 0.9\n",
        Files.readString(env));
  }

  @Test
  void commandHookThatFailsReportsItsExitCodeAndOutput() {
    CommandSink sink = new CommandSink("echo broken pipe >&2; exit 3", Duration.ofSeconds(10));
    IOException e = assertThrows(IOException.class, () -> sink.send(OPENED));
    assertEquals("'echo broken pipe >&2; exit 3' exited with 3: broken pipe", e.getMessage());
  }

  @Test
  void commandHookThatHangsIsKilled() {
    CommandSink sink = new CommandSink("sleep 30", Duration.ofMillis(300));
    IOException e = assertThrows(IOException.class, () -> sink.send(OPENED));
    assertEquals("'sleep 30' did not finish within 0 s; killed", e.getMessage());
  }
}
