package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI in Debian's headless Chromium (Selenium, chromedriver): the taxi demo traced twice
 * (a normal day, then a day whose fares drifted, so featurize's psi trigger fails), collected,
 * served by {@code mltrace ui}; each view opened, a trace followed from a flagged prediction to
 * the run whose trigger failed, outputs flagged from the page and the review ranking seen to
 * change. Screenshots of each view go to {@code mltrace.screenshots} (docs/screenshots when run to
 * refresh them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
  static final String EVIL = "<script>window.pwned=3</script>";
  /** score's output: its stored sample's histogram is checked bin by bin (see the test). */
  static final String SCORER = """
      package app;
      public class Scorer {
        static int score() {
          double[] scores = {4, 1, 2, 3, 2, 3, 4, 3, 4, 4};
          return scores.length;
        }
        public static void main(String[] args) { score(); }
      }
      """;
  static final String SCORER_YAML = """
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
  static UiSession ui;
  static ChromeDriver browser;

  @BeforeAll
  static void collectTwoDaysAndServe() throws Exception {
    work = dir.resolve("work");
    Path queue = dir.resolve("queue");
    // The second day names evaluate after a script, which the pages must show as text.
    Path taxi = Artifacts.configExample("taxi.yaml");
    Path evil = dir.resolve("taxi-evil.yaml");
    Files.writeString(evil, Files.readString(taxi).replace("  - name: evaluate\n", "  - name: \"" + EVIL + "\"\n"));
    assertTrue(Files.readString(evil).contains(EVIL));
    for (List<String> day : List.of(List.<String>of(), List.of("--data-problem", "drift"))) {
      List<String> args = new java.util.ArrayList<>(List.of("-jar", Artifacts.demoJar().toString(), work.toString()));
      args.addAll(day);
      ProcessResult traced = TracedApp.withAgent(dir, day.isEmpty() ? taxi : evil, queue, args);
      assertEquals(0, traced.exitCode(), traced::toString);
    }
    Path classes = FixtureApp.compile(dir.resolve("scorer"), 17, Map.of("app/Scorer.java", SCORER));
    Path scorerYaml = Files.writeString(dir.resolve("scorer.yaml"), SCORER_YAML);
    ProcessResult scored = TracedApp.withAgent(dir, scorerYaml, queue, List.of("-cp", classes.toString(), "app.Scorer"));
    assertEquals(0, scored.exitCode(), scored::toString);
    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
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
    assertTrue(names.containsAll(List.of("generate", "clean", "featurize", "split", "train", "evaluate", "predict")), names.toString());
    assertTrue(names.contains(EVIL), "a component named after a script is listed as text: " + names);
    assertEquals(null, ui.pwned());
    screenshot("components");
    browser.findElement(By.linkText("featurize")).click();
    awaitView("history");
    assertEquals(2, browser.findElements(By.cssSelector("main tbody tr")).size(), "two days, two featurize runs");
    assertTrue(browser.findElements(By.cssSelector("#chart svg")).size() > 0, "the echarts chart is drawn");
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("psi"), "the psi trigger's values are listed");
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
    assertTrue(redRuns.stream().anyMatch(t -> t.startsWith("predict")), "the flagged prediction's producer is red: " + redRuns);
    WebElement failedTrigger0 = red.stream().filter(n -> n.getText().contains("✗ psi")).findFirst()
        .orElseThrow(() -> new AssertionError("no node with a failed psi trigger: " + redRuns));
    assertTrue(failedTrigger0.getText().startsWith("featurize"), failedTrigger0.getText());
    screenshot("trace");

    browser.findElement(By.cssSelector("a.impact")).click();
    awaitHeading("Impact of");
    // Nothing recorded read predictions.csv: the forward view is empty.
    assertEquals(0, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("nothing recorded was derived from it"));
    browser.navigate().back();
    awaitHeading("Trace of");
    WebElement failedTrigger = browser.findElements(By.cssSelector("#trace-graph g.node.bad")).stream().filter(n -> n.getText().contains("✗ psi")).findFirst().orElseThrow();

    failedTrigger.click();
    awaitView("run");
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("featurize"), page);
    assertTrue(page.contains("psi") && page.contains("fail"), page);
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
    note.sendKeys("<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">", Keys.ENTER);
    ui.wait(20).until(d -> d.findElement(By.tagName("main")).getText().contains("<script>window.pwned=1</script>"));
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
    List<String> counts = row.findElements(By.cssSelector("svg.histogram rect.bin")).stream()
        .map(r -> r.getAttribute("data-count")).toList();
    assertEquals(List.of("1", "2", "0", "3", "4"), counts, row.getText());
    assertTrue(row.getText().contains("sample of 10"), row.getText());
    List<String> titles = row.findElements(By.cssSelector("svg.histogram rect.bin title")).stream()
        .map(t -> t.getAttribute("textContent")).toList();
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
    String root = browser.findElement(By.cssSelector("#trace-graph g.node.root")).getAttribute("data-run");
    Map<String, List<String>> producers = new java.util.HashMap<>();
    for (WebElement e : browser.findElements(By.cssSelector("#trace-graph path.edge"))) {
      producers.computeIfAbsent(e.getAttribute("data-to"), k -> new ArrayList<>()).add(e.getAttribute("data-from"));
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

  /** The row of the run page's Outputs table that shows the output named {@code name}. */
  private static WebElement outputRow(String name) {
    WebElement outputs = browser.findElement(By.xpath("//main//h2[text()='Outputs']/following-sibling::table[1]"));
    return outputs.findElements(By.cssSelector("tbody tr")).stream()
        .filter(r -> r.findElement(By.cssSelector("td")).getText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no output " + name + " in " + outputs.getText()));
  }

  private static Set<String> drawnRuns() {
    Set<String> runs = new HashSet<>();
    browser.findElements(By.cssSelector("#trace-graph g.node")).forEach(n -> runs.add(n.getAttribute("data-run")));
    return runs;
  }

  /** A drawn run's start time as the API gave it (the node's tooltip lists it under its id). */
  private static String startOf(String runId) {
    String tip = browser.findElement(By.cssSelector("#trace-graph g.node[data-run='" + runId + "'] > title"))
        .getAttribute("textContent");
    return tip.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")).findFirst()
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
    ui.wait(20).until(b -> {
      String ready = b.findElement(By.tagName("body")).getAttribute("data-ready");
      return ready != null && !ready.equals(before);
    });
    awaitReady();
  }

  private static List<String> rankedComponents() {
    return browser.findElements(By.cssSelector("main table")).get(1)
        .findElements(By.cssSelector("tbody tr td:nth-child(3)")).stream().map(WebElement::getText).toList();
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
