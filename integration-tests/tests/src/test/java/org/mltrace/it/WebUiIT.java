package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI in Debian's headless Chromium (Selenium, chromedriver): the taxi demo traced twice (a
 * normal day, then a day whose fares drifted, so featurize's psi trigger fails), collected, served
 * by {@code mltrace ui}; each view opened, a trace followed from a flagged prediction to the run
 * whose trigger failed, outputs flagged from the page and the review ranking seen to change.
 * Screenshots of each view go to {@code mltrace.screenshots} (docs/screenshots when run to refresh
 * them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
  static final String EVIL = "<script>window.pwned=3</script>";

  /** score's output: its stored sample's histogram is checked bin by bin (see the test). */
  static final String SCORER =
      """
      package app;
      public class Scorer {
        static int score() {
          double[] scores = {4, 1, 2, 3, 2, 3, 4, 3, 4, 4};
          return scores.length;
        }
        public static void main(String[] args) { score(); }
      }
      """;

  static final String SCORER_YAML =
      """
      components:
        - name: score
          method: "app.Scorer#score()"
          outputs: [scores]
          after_run:
            - trigger: outliers
              variable: scores
      """;
  @TempDir static Path dir;
  static Path work;
  static CollectorCli mltrace;
  static UiSession ui;
  static ChromeDriver browser;

  @BeforeAll
  static void collectTwoDaysAndServe() throws Exception {
    work = dir.resolve("work");
    Path queue = dir.resolve("queue");
    // The second day names evaluate after a script, which the pages must show as text.
    Path taxi = Artifacts.configExample("taxi.yaml");
    Path evil = dir.resolve("taxi-evil.yaml");
    Files.writeString(
        evil,
        Files.readString(taxi).replace("  - name: evaluate\n", "  - name: \"" + EVIL + "\"\n"));
    assertTrue(Files.readString(evil).contains(EVIL));
    for (List<String> day : List.of(List.<String>of(), List.of("--data-problem", "drift"))) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("-jar", Artifacts.demoJar().toString(), work.toString()));
      args.addAll(day);
      ProcessResult traced = TracedApp.withAgent(dir, day.isEmpty() ? taxi : evil, queue, args);
      assertEquals(0, traced.exitCode(), traced::toString);
    }
    Path classes = FixtureApp.compile(dir.resolve("scorer"), 17, Map.of("app/Scorer.java", SCORER));
    Path scorerYaml = Files.writeString(dir.resolve("scorer.yaml"), SCORER_YAML);
    ProcessResult scored =
        TracedApp.withAgent(
            dir, scorerYaml, queue, List.of("-cp", classes.toString(), "app.Scorer"));
    assertEquals(0, scored.exitCode(), scored::toString);
    mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    feedTipsWrongThenRight();
    ui = UiSession.start(dir, mltrace.url());
    browser = ui.browser;
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  @Test
  @Order(1)
  void componentsListsThePipelineAndLinksToHistory() throws Exception {
    open("#/components");
    List<String> names = texts(By.cssSelector("a.component"));
    assertTrue(
        names.containsAll(
            List.of("generate", "clean", "featurize", "split", "train", "evaluate", "predict")),
        names.toString());
    assertTrue(
        names.contains(EVIL), "a component named after a script is listed as text: " + names);
    assertEquals(null, ui.pwned());
    screenshot("components");
    browser.findElement(By.linkText("featurize")).click();
    awaitView("history");
    assertEquals(
        2,
        browser.findElements(By.cssSelector("main tbody tr")).size(),
        "two days, two featurize runs");
    assertTrue(
        browser.findElements(By.cssSelector("#chart svg")).size() > 0,
        "the echarts chart is drawn");
    assertTrue(
        browser.findElement(By.tagName("main")).getText().contains("psi"),
        "the psi trigger's values are listed");
    screenshot("history");
  }

  @Test
  @Order(2)
  void flagAPredictionThenFollowItsTraceToTheRunWhoseTriggerFailed() throws Exception {
    String predictions = work.resolve("predictions.csv").toString();
    command("flag " + predictions);
    awaitView("review");
    assertTrue(browser.findElement(By.tagName("main")).getText().contains(predictions));

    command("trace " + predictions);
    awaitView("trace");
    List<WebElement> nodes = browser.findElements(By.cssSelector("#trace-graph g.node"));
    assertEquals(7, nodes.size(), "predict, save_model, train, split, featurize, clean, generate");
    List<WebElement> red = browser.findElements(By.cssSelector("#trace-graph g.node.bad"));
    List<String> redRuns = red.stream().map(n -> n.getText()).toList();
    assertTrue(
        redRuns.stream().anyMatch(t -> t.startsWith("predict")),
        "the flagged prediction's producer is red: " + redRuns);
    WebElement failedTrigger0 =
        red.stream()
            .filter(n -> n.getText().contains("✗ psi"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no node with a failed psi trigger: " + redRuns));
    assertTrue(failedTrigger0.getText().startsWith("featurize"), failedTrigger0.getText());
    screenshot("trace");

    browser.findElement(By.cssSelector("a.impact")).click();
    awaitHeading("Impact of");
    // Nothing recorded read predictions.csv: the forward view is empty.
    assertEquals(0, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    assertTrue(
        browser
            .findElement(By.tagName("main"))
            .getText()
            .contains("nothing recorded was derived from it"));
    browser.navigate().back();
    awaitHeading("Trace of");
    WebElement failedTrigger =
        browser.findElements(By.cssSelector("#trace-graph g.node.bad")).stream()
            .filter(n -> n.getText().contains("✗ psi"))
            .findFirst()
            .orElseThrow();

    failedTrigger.click();
    awaitView("run");
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("featurize"), page);
    assertTrue(page.contains("psi") && page.contains("fail"), page);
    // where the woven class came from: the demo's jar, its Maven coordinates and SHA-256
    String jar = Artifacts.demoJar().toAbsolutePath().normalize().toString();
    assertTrue(
        page.contains(
            "code source\ncom.example.taxi.Featurizer: org.mltrace:mltrace-demo-pipeline:"),
        page);
    assertTrue(page.contains(" " + jar + " sha256 "), page);
    screenshot("run");
  }

  @Test
  @Order(3)
  void flaggingTheModelChangesTheReviewRanking() throws Exception {
    open("#/review");
    assertEquals("predict", rankedComponents().get(0), "one trace: the latest run first");
    WebElement input = browser.findElement(By.id("flag-id"));
    input.sendKeys(work.resolve("model.bin").toString());
    browser.findElement(By.id("flag-button")).click();
    ui.wait(20).until(d -> d.findElement(By.tagName("main")).getText().contains("model.bin"));
    awaitReady();
    List<String> ranked = rankedComponents();
    // The model's trace holds every run but predict: they now occur in two traces, predict in one.
    assertEquals("predict", ranked.get(ranked.size() - 1), ranked.toString());
    screenshot("review");
    command("unflag " + work.resolve("model.bin"));
    awaitView("review");
    assertEquals("predict", rankedComponents().get(0));
  }

  @Test
  @Order(4)
  void capturedTextIsShownNotRun() throws Exception {
    command("recent");
    awaitView("recent");
    browser.findElements(By.cssSelector("main tbody tr a.mono")).get(0).click();
    awaitView("run");
    WebElement note = browser.findElement(By.cssSelector("input[placeholder='add a note']"));
    note.sendKeys(
        "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">", Keys.ENTER);
    ui.wait(20)
        .until(
            d ->
                d.findElement(By.tagName("main"))
                    .getText()
                    .contains("<script>window.pwned=1</script>"));
    assertEquals(null, ui.pwned(), "the note ran as script");
    assertEquals(0, browser.findElements(By.cssSelector("main img")).size());
  }

  @Test
  @Order(5)
  void alertsAndStaleViewsOpen() throws Exception {
    command("stale");
    awaitView("stale");
    screenshot("stale");
    open("#/alerts");
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("psi"), "the failed psi opened an alert: " + page);
    screenshot("alerts");
  }

  @Test
  @Order(6)
  void aStoredSampleIsDrawnAsAHistogramWithTheBinsComputedByHand() throws Exception {
    command("history score");
    awaitView("history");
    browser.findElements(By.cssSelector("main tbody tr a.mono")).get(0).click();
    awaitView("run");
    WebElement row = outputRow("scores");
    // The sample is all ten scores {4, 1, 2, 3, 2, 3, 4, 3, 4, 4}: Sturges' rule gives
    // ceil(log2 10) + 1 = 5 bins of width 0.6 from 1 to 4, [1, 1.6) [1.6, 2.2) [2.2, 2.8)
    // [2.8, 3.4) [3.4, 4], holding one 1, two 2s, nothing, three 3s and four 4s.
    List<String> counts =
        row.findElements(By.cssSelector("svg.histogram rect.bin")).stream()
            .map(r -> r.getAttribute("data-count"))
            .toList();
    assertEquals(List.of("1", "2", "0", "3", "4"), counts, row.getText());
    assertTrue(row.getText().contains("sample of 10"), row.getText());
    List<String> titles =
        row.findElements(By.cssSelector("svg.histogram rect.bin title")).stream()
            .map(t -> t.getAttribute("textContent"))
            .toList();
    assertEquals("[2.8, 3.4): 3", titles.get(3), titles.toString());
    assertEquals("[3.4, 4]: 4", titles.get(4), titles.toString());
    // featurize's fares carry a 1,024-value sample (psi needs it); clean's rawFares only a summary
    // bar, labelled as such, since not_null needs no sample.
    screenshot("run-histogram");
  }

  @Test
  @Order(7)
  void depthAndSinceControlsChangeTheDrawnRunsAndSurviveTheImpactSwitch() throws Exception {
    String predictions = work.resolve("predictions.csv").toString();
    command("trace " + predictions);
    awaitView("trace");
    Set<String> all = drawnRuns();
    String root =
        browser.findElement(By.cssSelector("#trace-graph g.node.root")).getAttribute("data-run");
    Map<String, List<String>> producers = new java.util.HashMap<>();
    for (WebElement e : browser.findElements(By.cssSelector("#trace-graph path.edge"))) {
      producers
          .computeIfAbsent(e.getAttribute("data-to"), k -> new ArrayList<>())
          .add(e.getAttribute("data-from"));
    }
    Set<String> oneLevel = new HashSet<>(producers.getOrDefault(root, List.of()));
    oneLevel.add(root);
    assertTrue(oneLevel.size() < all.size(), "the full trace goes deeper than one level: " + all);

    limits("1", "");
    assertEquals(oneLevel, drawnRuns(), "depth 1: the traced run and the runs it read from");
    assertTrue(browser.getCurrentUrl().contains("depth=1"), browser.getCurrentUrl());
    screenshot("trace-limits");

    // The forward switch keeps the limits, and so does the way back.
    browser.findElement(By.cssSelector("a.impact")).click();
    awaitHeading("Impact of");
    assertEquals("1", browser.findElement(By.id("trace-depth")).getAttribute("value"));
    browser.findElement(By.cssSelector("a.upstream")).click();
    awaitHeading("Trace of");
    assertEquals(oneLevel, drawnRuns());

    // since = the start of the latest run the root read from: only that one is new enough, and
    // what it read from started before it, so it is left out (the CLI's --since).
    String newest = null;
    String newestStart = "";
    for (String id : producers.get(root)) {
      String start = startOf(id);
      if (start.compareTo(newestStart) > 0) {
        newest = id;
        newestStart = start;
      }
    }
    limits("", newestStart);
    assertEquals(Set.of(root, newest), drawnRuns(), "since " + newestStart);
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("2 runs"), ui.main());
  }

  @Test
  @Order(8)
  void monitorDrawsTheDatabasesValuesTheSlaLineAndAlertMarkersAndAClickOpensTheRun()
      throws Exception {
    open("#/monitor?component=clean&metric=kept&last=all");
    awaitView("monitor");
    // The task: one point per evaluation (each feedback file), at the evaluation's bucket.
    JsonNode task = chartSeries("task-chart-tips");
    JsonNode accuracy = named(task, "accuracy");
    JsonNode evaluations =
        mltrace.rows(
            "SELECT m.metric_value, e.evaluated_at FROM task_evaluations e"
                + " JOIN task_metrics m ON m.task = e.task AND m.seq = e.seq"
                + " WHERE e.task = 'tips' AND m.metric = 'accuracy' AND m.metric_value IS NOT NULL ORDER BY e.seq");
    int n = evaluations.size();
    assertEquals(n, accuracy.get("data").size(), accuracy + "\n" + evaluations);
    JsonNode taskApi = apiJson("monitor/task", "task", "tips", "last", "all");
    long bucketMicros = taskApi.get("bucketMicros").asLong();
    for (int i = 0; i < evaluations.size(); i++) {
      JsonNode point = accuracy.get("data").get(i).get("value");
      assertEquals(
          column(evaluations.get(i), 0).asDouble(),
          point.get(1).asDouble(),
          1e-12,
          accuracy.toString());
      Instant start = Instant.parse(point.get(0).asText());
      Instant evaluated = Instant.parse(column(evaluations.get(i), 1).asText());
      assertTrue(
          !evaluated.isBefore(start) && evaluated.isBefore(start.plusNanos(bucketMicros * 1000)),
          "evaluation " + i + " at " + evaluated + " drawn in the bucket from " + start);
    }
    assertEquals(
        List.of(0.0, 1.0, 0.75),
        List.of(point(accuracy, n - 3), point(accuracy, n - 2), point(accuracy, n - 1)),
        "wrong labels, then right ones, then a quarter wrong again");
    // The SLA lines: accuracy >= 0.6 on accuracy's chart, auc >= 0.7 on auc's.
    assertEquals(0.6, accuracy.at("/markLine/data/0/yAxis").asDouble(), accuracy.toString());
    assertEquals(0.7, named(task, "auc").at("/markLine/data/0/yAxis").asDouble());
    // The alert the first file opened and the second resolved, marked where and when it happened.
    JsonNode alert =
        mltrace.rows("SELECT id, value FROM alerts WHERE component = 'task:tips'").get(0);
    JsonNode marks = accuracy.at("/markPoint/data");
    assertEquals(2, marks.size(), marks.toString());
    JsonNode apiAlert = taskApi.get("alerts").get(0);
    assertEquals(column(alert, 0).asLong(), apiAlert.get("id").asLong());
    assertEquals(apiAlert.get("openedAt").asText(), marks.get(0).at("/coord/0").asText());
    assertEquals(column(alert, 1).asDouble(), marks.get(0).at("/coord/1").asDouble());
    assertEquals(0.0, marks.get(0).at("/coord/1").asDouble());
    assertEquals(apiAlert.get("resolvedAt").asText(), marks.get(1).at("/coord/0").asText());
    assertEquals(1.0, marks.get(1).at("/coord/1").asDouble(), "resolved by the second evaluation");
    assertEquals("resolved", apiAlert.get("status").asText());
    assertEquals(
        column(evaluations.get(n - 3), 1).asText(),
        apiAlert.get("openedAt").asText(),
        "opened by the first file's evaluation");
    assertEquals(
        column(evaluations.get(n - 2), 1).asText(),
        apiAlert.get("resolvedAt").asText(),
        "resolved by the second's");

    // A component's number: clean's kept rows, one point per run, the values the runs recorded.
    JsonNode kept = named(chartSeries("metric-chart"), "mean");
    JsonNode runs =
        mltrace.rows(
            "SELECT r.id, o.value_text FROM component_runs r JOIN run_outputs o ON o.run_id = r.id"
                + " WHERE r.component = 'clean' AND o.name = 'kept' ORDER BY r.start_time");
    assertEquals(2, runs.size(), runs.toString());
    for (int i = 0; i < runs.size(); i++) {
      assertEquals(column(runs.get(i), 1).asDouble(), point(kept, i), kept.toString());
      assertEquals(
          column(runs.get(i), 0).asText(), kept.at("/data/" + i + "/bucket/runId").asText());
    }
    screenshot("monitor");
    String second = column(runs.get(1), 0).asText();
    clickPoint("metric-chart", "mean", 1);
    awaitView("run");
    assertTrue(browser.findElement(By.tagName("h1")).getText().contains(second), ui.main());

    // A trigger's values: featurize's psi, its threshold line, the failed run marked.
    open("#/monitor?component=featurize&metric=trigger:psi&last=all");
    awaitView("monitor");
    JsonNode psi = chartSeries("metric-chart");
    assertEquals(0.2, named(psi, "mean").at("/markLine/data/0/yAxis").asDouble(), psi.toString());
    JsonNode failed = named(psi, "failed").get("data");
    JsonNode failedRuns =
        mltrace.rows(
            "SELECT run_id FROM trigger_results WHERE component = 'featurize'"
                + " AND trigger_name = 'psi' AND status = 'fail'");
    assertEquals(failedRuns.size(), failed.size(), failed.toString());
    assertEquals(column(failedRuns.get(0), 0).asText(), failed.at("/0/bucket/runId").asText());
    assertTrue(ui.main().contains("1 failed"), ui.main());
    assertEquals(null, ui.pwned());
  }

  /** Labels for the task's predictions, three files: all wrong, all right, a quarter wrong. */
  private static void feedTipsWrongThenRight() throws Exception {
    JsonNode pairs =
        mltrace.rows("SELECT id, prediction FROM task_pairs WHERE task = 'tips' ORDER BY id");
    assertTrue(pairs.size() >= 8, pairs.toString());
    for (int file = 0; file < 3; file++) {
      StringBuilder csv = new StringBuilder("id,label\n");
      for (int i = 0; i < pairs.size(); i++) {
        int predicted = column(pairs.get(i), 1).asDouble() >= 0.5 ? 1 : 0;
        boolean wrong = file == 0 || (file == 2 && i % 4 == 0);
        csv.append(column(pairs.get(i), 0).asText())
            .append(',')
            .append(wrong ? 1 - predicted : predicted)
            .append('\n');
      }
      Path labels = Files.writeString(dir.resolve("tips-" + file + ".csv"), csv);
      mltrace.json("feedback", "--file", labels.toString(), "--task", "tips");
    }
  }

  private static JsonNode column(JsonNode row, int index) {
    java.util.Iterator<JsonNode> it = row.elements();
    for (int i = 0; i < index; i++) {
      it.next();
    }
    return it.next();
  }

  /** The series an ECharts chart draws, as its option holds them. */
  private static JsonNode chartSeries(String id) throws Exception {
    Object json =
        ui.script(
            "return JSON.stringify(echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series);",
            id);
    return new ObjectMapper().readTree((String) json);
  }

  private static JsonNode named(JsonNode series, String name) {
    for (JsonNode s : series) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no series " + name + " in " + series);
  }

  private static double point(JsonNode series, int i) {
    return series.at("/data/" + i + "/value/1").asDouble();
  }

  /** The page's own API call, made from the page: {@code name, value} pairs after the call. */
  private static JsonNode apiJson(String call, String... params) throws Exception {
    Map<String, String> query = new java.util.HashMap<>();
    for (int i = 0; i + 1 < params.length; i += 2) {
      query.put(params[i], params[i + 1]);
    }
    Object json =
        ui.asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "api(arguments[0], arguments[1]).then(j => done(JSON.stringify(j)), e => done(String(e)));",
            call,
            query);
    return new ObjectMapper().readTree((String) json);
  }

  /** Clicks the {@code index}th point of a chart's series where the chart draws it. */
  private static void clickPoint(String chartId, String seriesName, int index) {
    WebElement div = browser.findElement(By.id(chartId));
    ui.script("arguments[0].scrollIntoView({block: 'center'});", div);
    @SuppressWarnings("unchecked")
    List<Number> pixel =
        (List<Number>)
            ui.script(
                "const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                    + "const s = c.getOption().series.find(x => x.name === arguments[1]);"
                    + "const v = s.data[arguments[2]].value;"
                    + "return c.convertToPixel({seriesName: arguments[1]}, [Date.parse(v[0]), v[1]]);",
                chartId,
                seriesName,
                index);
    int dx = (int) Math.round(pixel.get(0).doubleValue() - div.getSize().getWidth() / 2.0);
    int dy = (int) Math.round(pixel.get(1).doubleValue() - div.getSize().getHeight() / 2.0);
    new org.openqa.selenium.interactions.Actions(browser)
        .moveToElement(div, dx, dy)
        .click()
        .perform();
  }

  /** The row of the run page's Outputs table that shows the output named {@code name}. */
  private static WebElement outputRow(String name) {
    WebElement outputs =
        browser.findElement(By.xpath("//main//h2[text()='Outputs']/following-sibling::table[1]"));
    return outputs.findElements(By.cssSelector("tbody tr")).stream()
        .filter(r -> r.findElement(By.cssSelector("td")).getText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no output " + name + " in " + outputs.getText()));
  }

  private static Set<String> drawnRuns() {
    Set<String> runs = new HashSet<>();
    browser
        .findElements(By.cssSelector("#trace-graph g.node"))
        .forEach(n -> runs.add(n.getAttribute("data-run")));
    return runs;
  }

  /** A drawn run's start time as the API gave it (the node's tooltip lists it under its id). */
  private static String startOf(String runId) {
    String tip =
        browser
            .findElement(By.cssSelector("#trace-graph g.node[data-run='" + runId + "'] > title"))
            .getAttribute("textContent");
    return tip.lines()
        .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*Z"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no start time in " + tip));
  }

  /** Types the trace page's depth and since fields and applies them. */
  private static void limits(String depth, String since) {
    String before = browser.findElement(By.tagName("body")).getAttribute("data-ready");
    WebElement d = browser.findElement(By.id("trace-depth"));
    d.clear();
    d.sendKeys(depth);
    WebElement s = browser.findElement(By.id("trace-since"));
    s.clear();
    s.sendKeys(since);
    browser.findElement(By.id("trace-apply")).click();
    ui.wait(20)
        .until(
            b -> {
              String ready = b.findElement(By.tagName("body")).getAttribute("data-ready");
              return ready != null && !ready.equals(before);
            });
    awaitReady();
  }

  private static List<String> rankedComponents() {
    return browser
        .findElements(By.cssSelector("main table"))
        .get(1)
        .findElements(By.cssSelector("tbody tr td:nth-child(3)"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void open(String fragment) {
    ui.open(fragment);
  }

  private static void command(String line) {
    ui.command(line);
  }

  private static void awaitView(String view) {
    ui.awaitView(view);
  }

  private static void awaitHeading(String start) {
    ui.awaitHeading(start);
  }

  private static void awaitReady() {
    ui.awaitReady();
  }

  private static List<String> texts(By by) {
    return ui.texts(by);
  }

  private static void screenshot(String name) throws Exception {
    ui.screenshot(name);
  }
}
