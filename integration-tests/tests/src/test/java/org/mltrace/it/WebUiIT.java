package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

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
  @TempDir static Path dir;
  static Path work;
  static Background ui;
  static ChromeDriver browser;
  static String base;

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
    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    ui = Background.start(dir, "ui",
        List.of("-jar", Artifacts.collectorJar().toString(), "ui", "--port", "0", "--db", mltrace.url()));
    Pattern serving = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    Poll.until("mltrace ui to print its address", 60, () -> serving.matcher(ui.stdout()).find() || !ui.isAlive());
    Matcher m = serving.matcher(ui.stdout());
    assertTrue(m.find(), ui::toString);
    base = m.group(1);
    browser = Browsers.headlessChromium();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (ui != null) {
      assertEquals(0, ui.stop(), ui::toString);
    }
  }

  @Test
  @Order(1)
  void componentsListsThePipelineAndLinksToHistory() throws Exception {
    open("#/components");
    List<String> names = texts(By.cssSelector("a.component"));
    assertTrue(names.containsAll(List.of("generate", "clean", "featurize", "split", "train", "evaluate", "predict")), names.toString());
    assertTrue(names.contains(EVIL), "a component named after a script is listed as text: " + names);
    assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned;"));
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
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("main")).getText().contains("model.bin"));
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
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("main")).getText().contains("<script>window.pwned=1</script>"));
    Object pwned = ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned;");
    assertEquals(null, pwned, "the note ran as script");
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

  private static List<String> rankedComponents() {
    return browser.findElements(By.cssSelector("main table")).get(1)
        .findElements(By.cssSelector("tbody tr td:nth-child(3)")).stream().map(WebElement::getText).toList();
  }

  private static void open(String fragment) {
    browser.get(base + fragment);
    awaitReady();
  }

  private static void command(String line) {
    WebElement bar = browser.findElement(By.id("command"));
    bar.clear();
    bar.sendKeys(line, Keys.ENTER);
  }

  private static void awaitView(String view) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> view.equals(d.findElement(By.tagName("body")).getAttribute("data-view")));
    awaitReady();
  }

  private static void awaitHeading(String start) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
            "const h = document.querySelector('main h1'); return h ? h.textContent : '';")).startsWith(start));
    awaitReady();
  }

  private static void awaitReady() {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
    String error = browser.findElements(By.cssSelector("main p.bad")).stream().map(WebElement::getText).findFirst().orElse("");
    assertFalse(browser.findElement(By.tagName("body")).getAttribute("data-view").equals("error"), error);
  }

  private static List<String> texts(By by) {
    return browser.findElements(by).stream().map(WebElement::getText).toList();
  }

  private static void screenshot(String name) throws Exception {
    Path target = Path.of(System.getProperty("mltrace.screenshots", dir.resolve("screenshots").toString()));
    Files.createDirectories(target);
    Files.write(target.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
