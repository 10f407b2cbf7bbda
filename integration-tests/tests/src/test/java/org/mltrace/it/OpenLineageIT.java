package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline across languages, as the collector sees it: a JVM step traced by the agent writes
 * {@code raw.csv}; a Python script (the standard library's urllib, no OpenLineage package) reports
 * over OpenLineage that it read it and wrote {@code features.csv}; a step reporting with the real
 * OpenLineage Java client over its HTTP transport reads that and writes {@code model.bin}; a second
 * traced JVM step scores with the model. {@code trace predictions.csv} must walk all four.
 */
class OpenLineageIT {
  @TempDir Path dir;

  private static final String STEPS =
      """
      package app;
      import java.nio.file.*;
      public class Steps {
        static void extract(Path out) throws Exception { Files.writeString(out, "fare,tip\\n10,2\\n"); }
        static void score(Path model, Path out) throws Exception {
          Files.writeString(out, "prediction\\n" + Files.readString(model).length() + "\\n");
        }
        public static void main(String[] a) throws Exception {
          if (a[0].equals("extract")) extract(Path.of(a[1])); else score(Path.of(a[1]), Path.of(a[2]));
        }
      }
      """;

  private static final String YAML =
      """
      components:
        - name: extract
          method: "app.Steps#extract(java.nio.file.Path)"
          outputs: [out]
        - name: score
          method: "app.Steps#score(java.nio.file.Path, java.nio.file.Path)"
          inputs: [model]
          outputs: [out]
      """;

  /** START, the work, then COMPLETE, as a Python job would report itself with plain urllib. */
  private static final String FEATURIZE_PY =
      """
      import datetime, json, sys, urllib.request, uuid
      url, raw, features = sys.argv[1], sys.argv[2], sys.argv[3]
      run_id = str(uuid.uuid4())
      def send(event_type, inputs, outputs):
          event = {"eventType": event_type,
                   "eventTime": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                   "producer": "https://example.com/featurize.py", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                   "run": {"runId": run_id}, "job": {"namespace": "python", "name": "featurize"},
                   "inputs": [{"namespace": "file", "name": p} for p in inputs],
                   "outputs": [{"namespace": "file", "name": p} for p in outputs]}
          req = urllib.request.Request(url + "/api/v1/lineage", data=json.dumps(event).encode(),
                                       headers={"Content-Type": "application/json"})
          with urllib.request.urlopen(req) as r:
              print(event_type, r.status, r.read().decode())
      send("START", [raw], [])
      with open(raw) as f, open(features, "w") as out:
          out.write(f.read().upper())
      send("COMPLETE", [], [features])
      """;

  @Test
  void oneTraceFollowsTheAgentsRunsAndTheOpenLineageRunsThroughSharedFiles() throws Exception {
    oneTraceAcrossLanguages(CollectorCli.h2(dir));
  }

  /** The same on PostgreSQL: the listener's queue drained into a real server. */
  @Test
  void oneTraceFollowsTheAgentsRunsAndTheOpenLineageRunsOnPostgres() throws Exception {
    String schema = PostgresSchemas.create();
    try {
      oneTraceAcrossLanguages(CollectorCli.postgres(dir, PostgresSchemas.url(schema)));
    } finally {
      PostgresSchemas.drop(schema);
    }
  }

  private void oneTraceAcrossLanguages(CollectorCli db) throws Exception {
    Path classes = FixtureApp.compile(dir.resolve("app"), 17, Map.of("app/Steps.java", STEPS));
    Path config = Files.writeString(dir.resolve("steps.yaml"), YAML);
    Path queue = dir.resolve("queue");
    Path raw = dir.resolve("raw.csv");
    Path features = dir.resolve("features.csv");
    Path model = dir.resolve("model.bin");
    Path predictions = dir.resolve("predictions.csv");

    try (ListeningCollector collector = ListeningCollector.start(dir, db, queue)) {
      ProcessResult extract =
          TracedApp.withAgent(
              dir,
              config,
              queue,
              List.of("-cp", classes.toString(), "app.Steps", "extract", raw.toString()));
      assertEquals(0, extract.exitCode(), extract::toString);

      Path script = Files.writeString(dir.resolve("featurize.py"), FEATURIZE_PY);
      Process python =
          new ProcessBuilder(
                  "python3",
                  script.toString(),
                  collector.url(),
                  raw.toString(),
                  features.toString())
              .redirectErrorStream(true)
              .start();
      assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
      String pythonOut = new String(python.getInputStream().readAllBytes());
      assertEquals(0, python.exitValue(), pythonOut);
      assertTrue(pythonOut.contains("COMPLETE 201 {\"status\":\"queued\"}"), pythonOut);

      train(collector.url(), features, model);

      ProcessResult score =
          TracedApp.withAgent(
              dir,
              config,
              queue,
              List.of(
                  "-cp",
                  classes.toString(),
                  "app.Steps",
                  "score",
                  model.toString(),
                  predictions.toString()));
      assertEquals(0, score.exitCode(), score::toString);

      Poll.until(
          "the four runs to be stored",
          120,
          () -> db.count("SELECT COUNT(*) FROM component_runs") == 4);
      ProcessResult trace = db.run("trace", predictions.toString());
      System.out.println("mltrace trace " + predictions + "\n" + trace.stdout());
      assertEquals(0, trace.exitCode(), trace::toString);
      List<String> runs =
          trace
              .stdout()
              .lines()
              .filter(l -> l.matches("^[│ ]*[└├]─ \\S+ .*"))
              .map(l -> l.replaceAll("^[│ ]*[└├]─ (\\S+) .*", "$1"))
              .toList();
      assertEquals(
          List.of("score", "java/train", "python/featurize", "extract"), runs, trace.stdout());
      HttpResponse<String> metrics = collector.get("/metrics");
      assertEquals(200, metrics.statusCode());
      for (String component : List.of("extract", "python/featurize", "java/train", "score")) {
        assertTrue(
            metrics
                .body()
                .contains("mltrace_runs_stored{component=\"" + component + "\",status=\"ok\"} 1.0"),
            metrics.body());
      }
      assertEquals(0, collector.stop(), collector.process()::toString);
    }
  }

  /**
   * The real OpenLineage Java client, configured as its docs say for Marquez: an HTTP transport.
   */
  private static void train(String url, Path features, Path model) throws Exception {
    OpenLineage ol = new OpenLineage(URI.create("https://example.com/trainer"));
    try (OpenLineageClient client =
        OpenLineageClient.builder().transport(HttpTransport.builder().uri(url).build()).build()) {
      UUID runId = UUID.randomUUID();
      OpenLineage.Job job = ol.newJobBuilder().namespace("java").name("train").build();
      client.emit(
          ol.newRunEventBuilder()
              .eventType(OpenLineage.RunEvent.EventType.START)
              .eventTime(ZonedDateTime.now())
              .run(ol.newRunBuilder().runId(runId).build())
              .job(job)
              .inputs(
                  List.of(
                      ol.newInputDatasetBuilder()
                          .namespace("file")
                          .name(features.toString())
                          .build()))
              .outputs(List.of())
              .build());
      Files.writeString(model, "weights of " + Files.readString(features));
      client.emit(
          ol.newRunEventBuilder()
              .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
              .eventTime(ZonedDateTime.now())
              .run(ol.newRunBuilder().runId(runId).build())
              .job(job)
              .inputs(List.of())
              .outputs(
                  List.of(
                      ol.newOutputDatasetBuilder()
                          .namespace("file")
                          .name(model.toString())
                          .build()))
              .build());
    }
  }

  @Test
  void anAcknowledgedEventSurvivesASigkillAndIsStoredOnceAndBadEventsAreRefused() throws Exception {
    Path queue = dir.resolve("queue");
    CollectorCli db = CollectorCli.h2(dir);
    int runs = 30;
    String lastComplete = null;
    try (ListeningCollector collector = ListeningCollector.start(dir, db, queue)) {
      HttpResponse<String> bad =
          collector.post("/api/v1/lineage", "application/json", "{\"eventType\": \"START\"}");
      assertEquals(400, bad.statusCode(), bad.body());
      assertEquals("{\"error\":\"eventTime is missing\"}", bad.body());
      HttpResponse<String> big =
          collector.post(
              "/api/v1/lineage", "application/json", "[" + "0,".repeat(3_000_000) + "0]");
      assertEquals(413, big.statusCode(), big.body());
      for (int i = 0; i < runs; i++) {
        String runId = UUID.randomUUID().toString();
        assertEquals(
            201,
            collector
                .post("/api/v1/lineage", "application/json", event("START", runId))
                .statusCode());
        lastComplete = event("COMPLETE", runId);
        HttpResponse<String> done =
            collector.post("/api/v1/lineage", "application/json", lastComplete);
        assertEquals(201, done.statusCode(), done.body());
      }
      collector.process().kill(); // right after the last 2xx
    }
    ProcessResult once = db.run("collect", "--queue", queue.toString(), "--once");
    assertEquals(0, once.exitCode(), once::toString);
    assertEquals(runs, db.count("SELECT COUNT(*) FROM component_runs WHERE component = 'ns/job'"));

    try (ListeningCollector again = ListeningCollector.start(dir, db, queue)) {
      HttpResponse<String> repeat = again.post("/api/v1/lineage", "application/json", lastComplete);
      assertEquals(200, repeat.statusCode(), repeat.body());
      assertEquals("{\"status\":\"unchanged\"}", repeat.body());
      assertEquals(0, again.stop(), again.process()::toString);
    }
    assertEquals(runs, db.count("SELECT COUNT(*) FROM component_runs"), "nothing stored twice");
  }

  private static String event(String type, String runId) {
    return """
        {"eventType": "%s", "eventTime": "%s", "producer": "https://example.com/curl",
         "run": {"runId": "%s"}, "job": {"namespace": "ns", "name": "job"},
         "inputs": [{"namespace": "file", "name": "/data/in.csv"}], "outputs": []}
        """
        .formatted(type, java.time.Instant.now(), runId);
  }
}
