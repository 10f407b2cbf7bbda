package org.mltrace.collector.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.store.Alert;
import org.mltrace.collector.store.JdbcAlertStore;
import org.mltrace.collector.testing.TriggerRows;

/**
 * The alert state machine on a real database with hand-built {@code trigger_results} rows, told
 * through a real webhook. Subclasses give the database (H2, PostgreSQL).
 *
 * <p>Runs of {@code train}: run i starts at T0 + i hours and ends 10 minutes later; its results are
 * evaluated 5 seconds after it ends.
 */
abstract class AlertTrackerContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TriggerRows rows;
  private RecordingWebhook webhook;
  private AlertNotifier notifier;
  private AlertTracker tracker;
  private String url;

  abstract String url() throws Exception;

  @BeforeEach
  void open() throws Exception {
    url = url();
    rows = TriggerRows.open(url);
    rows.component("train", null);
    webhook = new RecordingWebhook();
    notifier =
        new AlertNotifier(
            List.of(
                new WebhookSink(webhook.url(), 3, Duration.ofMillis(10), Duration.ofSeconds(5))));
    tracker = new AlertTracker(TriggerRows.session(url), notifier);
  }

  @AfterEach
  void close() throws Exception {
    tracker.close();
    webhook.close();
    rows.close();
    dropDatabase();
  }

  /** Called after every connection is closed. */
  void dropDatabase() throws Exception {}

  static Instant start(int i) {
    return T0.plus(Duration.ofHours(i));
  }

  static Instant end(int i) {
    return start(i).plus(Duration.ofMinutes(10));
  }

  static Instant evaluated(int i) {
    return end(i).plusSeconds(5);
  }

  /** Run train-i with one result of the after_run #0 metric_threshold (accuracy >= 0.9). */
  void run(int i, String status, Double accuracy) throws Exception {
    run(i, status, accuracy, true);
  }

  void run(int i, String status, Double accuracy, boolean alert) throws Exception {
    rows.run("train-" + i, "train", start(i), end(i));
    rows.result(
        "train-" + i,
        "train",
        "after_run",
        0,
        "metric_threshold",
        status,
        accuracy,
        0.9,
        "accuracy " + accuracy + (status.equals("pass") ? " >= 0.9" : " < 0.9"),
        alert,
        evaluated(i));
  }

  List<Alert> alerts() {
    try (var db = TriggerRows.session(url)) {
      return new JdbcAlertStore(db).list(true);
    }
  }

  List<String> delivered() throws InterruptedException {
    assertTrue(notifier.awaitIdle(Duration.ofSeconds(10)));
    return webhook.bodies();
  }

  @Test
  void passThenFailOpensOneAlertAndPostsItsJson() throws Exception {
    run(1, "pass", 0.93);
    tracker.evaluated(List.of("train-1"));
    assertEquals(List.of(), alerts());

    run(2, "fail", 0.85);
    tracker.evaluated(List.of("train-2"));

    List<Alert> alerts = alerts();
    assertEquals(1, alerts.size());
    Alert a = alerts.get(0);
    assertEquals("open", a.status());
    assertEquals("train-2", a.openedByRun());
    assertEquals(evaluated(2), a.openedAt());
    assertEquals(0.85, a.value());
    assertEquals(0.9, a.threshold());
    assertEquals("accuracy 0.85 < 0.9", a.message());
    assertEquals(null, a.resolvedAt());
    assertEquals(
        List.of(
            "{\"event\":\"opened\",\"alert_id\":"
                + a.id()
                + ",\"component\":\"train\",\"trigger\":\"metric_threshold\","
                + "\"phase\":\"after_run\",\"run_id\":\"train-2\",\"value\":0.85,\"threshold\":0.9,"
                + "\"message\":\"accuracy 0.85 < 0.9\",\"opened_at\":\"2026-01-01T02:10:05Z\","
                + "\"resolved_at\":null}"),
        delivered());
    assertEquals(List.of("application/json"), webhook.contentTypes());
  }

  @Test
  void failWhileOpenOpensNothingNewAndPostsNothing() throws Exception {
    run(1, "fail", 0.85);
    tracker.evaluated(List.of("train-1"));
    run(2, "fail", 0.80);
    tracker.evaluated(List.of("train-2"));
    run(3, "fail", 0.70);
    tracker.evaluated(List.of("train-3"));

    List<Alert> alerts = alerts();
    assertEquals(1, alerts.size());
    assertEquals("train-1", alerts.get(0).openedByRun());
    assertEquals(0.85, alerts.get(0).value());
    assertEquals(1, delivered().size());
    assertEquals(1, webhook.requests());
  }

  @Test
  void passWhileOpenResolvesAndPostsTheResolution() throws Exception {
    run(1, "fail", 0.85);
    tracker.evaluated(List.of("train-1"));
    run(2, "pass", 0.95);
    tracker.evaluated(List.of("train-2"));

    Alert a = alerts().get(0);
    assertEquals("resolved", a.status());
    assertEquals("train-1", a.openedByRun());
    assertEquals("train-2", a.resolvedByRun());
    assertEquals(evaluated(2), a.resolvedAt());
    List<String> bodies = delivered();
    assertEquals(2, bodies.size());
    assertEquals(
        "{\"event\":\"resolved\",\"alert_id\":"
            + a.id()
            + ",\"component\":\"train\",\"trigger\":\"metric_threshold\","
            + "\"phase\":\"after_run\",\"run_id\":\"train-2\",\"value\":0.95,\"threshold\":0.9,"
            + "\"message\":\"accuracy 0.95 >= 0.9\",\"opened_at\":\"2026-01-01T01:10:05Z\","
            + "\"resolved_at\":\"2026-01-01T02:10:05Z\"}",
        bodies.get(1));

    // A second episode is a second alert.
    run(3, "fail", 0.5);
    tracker.evaluated(List.of("train-3"));
    List<Alert> all = alerts();
    assertEquals(2, all.size());
    assertEquals("open", all.get(0).status());
    assertEquals("train-3", all.get(0).openedByRun());
    assertEquals(3, delivered().size());
    assertEquals(
        "alerts: 2 opened, 1 resolved; alert notifications: 3 delivered, 0 failed",
        tracker.summary());
  }

  @Test
  void errorChangesNothing() throws Exception {
    run(1, "error", null);
    tracker.evaluated(List.of("train-1"));
    assertEquals(List.of(), alerts());

    run(2, "fail", 0.85);
    tracker.evaluated(List.of("train-2"));
    run(3, "error", null);
    tracker.evaluated(List.of("train-3"));
    List<Alert> alerts = alerts();
    assertEquals(1, alerts.size());
    assertEquals("open", alerts.get(0).status());
    assertEquals(1, delivered().size());
  }

  @Test
  void failOfADeclarationThatDoesNotAlertOpensNothing() throws Exception {
    run(1, "fail", 0.85, false);
    tracker.evaluated(List.of("train-1"));
    assertEquals(List.of(), alerts());
    assertEquals(List.of(), delivered());
    assertEquals(null, tracker.summary());
  }

  @Test
  void oneBatchIsReplayedInRunOrderWhateverTheListOrder() throws Exception {
    run(1, "fail", 0.85);
    run(2, "pass", 0.95);
    run(3, "fail", 0.80);
    run(4, "fail", 0.70);
    tracker.evaluated(List.of("train-4", "train-2", "train-3", "train-1"));

    List<Alert> alerts = alerts(); // newest first
    assertEquals(2, alerts.size());
    assertEquals("open", alerts.get(0).status());
    assertEquals("train-3", alerts.get(0).openedByRun());
    assertEquals("resolved", alerts.get(1).status());
    assertEquals("train-1", alerts.get(1).openedByRun());
    assertEquals("train-2", alerts.get(1).resolvedByRun());
    List<String> events =
        delivered().stream().map(b -> b.substring(0, b.indexOf(",\"component\""))).toList();
    assertEquals(
        List.of(
            "{\"event\":\"opened\",\"alert_id\":" + alerts.get(1).id(),
            "{\"event\":\"resolved\",\"alert_id\":" + alerts.get(1).id(),
            "{\"event\":\"opened\",\"alert_id\":" + alerts.get(0).id()),
        events);
  }

  @Test
  void aLateOlderResultDoesNotOverrideANewerOne() throws Exception {
    run(1, "fail", 0.85); // ran before train-2, evaluated after it
    run(2, "pass", 0.95);
    tracker.evaluated(List.of("train-2"));
    tracker.evaluated(List.of("train-1"));
    assertEquals(List.of(), alerts());

    run(3, "fail", 0.8);
    tracker.evaluated(List.of("train-3"));
    run(4, "fail", 0.7); // ran before train-5, evaluated after it
    run(5, "pass", 0.99);
    tracker.evaluated(List.of("train-5"));
    tracker.evaluated(List.of("train-4"));
    List<Alert> alerts = alerts();
    assertEquals(1, alerts.size());
    assertEquals("resolved", alerts.get(0).status());
    assertEquals("train-3", alerts.get(0).openedByRun());
    assertEquals("train-5", alerts.get(0).resolvedByRun());
    assertEquals(2, delivered().size());
  }

  @Test
  void theSameRunToldTwiceChangesNothingTheSecondTime() throws Exception {
    run(1, "fail", 0.85);
    tracker.evaluated(List.of("train-1"));
    tracker.evaluated(List.of("train-1"));
    assertEquals(1, alerts().size());
    assertEquals(1, delivered().size());
  }

  @Test
  void declarationsAreFollowedSeparately() throws Exception {
    run(1, "fail", 0.85);
    rows.result(
        "train-1",
        "train",
        "before_run",
        0,
        "not_null",
        "fail",
        0.2,
        0.05,
        "nulls",
        true,
        evaluated(1));
    tracker.evaluated(List.of("train-1"));
    List<Alert> alerts = alerts();
    assertEquals(2, alerts.size());
    assertEquals(
        List.of("after_run/metric_threshold", "before_run/not_null"),
        alerts.stream().map(a -> a.phase() + "/" + a.triggerName()).sorted().toList());
  }
}
