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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code mltrace ui} over a database, in its own JVM, and headless Chromium on it, with the waits
 * every browser test needs: a page is done when the body carries {@code data-ready}, and it
 * measured its own load time (API call, layout and drawing) into {@code data-render-ms}.
 */
final class UiSession implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

  final ChromeDriver browser;
  final String base;
  private final Background ui;
  private final Path dir;

  private UiSession(Background ui, ChromeDriver browser, String base, Path dir) {
    this.ui = ui;
    this.browser = browser;
    this.base = base;
    this.dir = dir;
  }

  /** Serves {@code dbUrl} on a free port and opens a browser (or skips, see {@link Browsers}). */
  static UiSession start(Path dir, String dbUrl) throws Exception {
    Background ui =
        Background.start(
            dir,
            "ui",
            List.of(
                "-jar", Artifacts.collectorJar().toString(), "ui", "--port", "0", "--db", dbUrl));
    try {
      Poll.until(
          "mltrace ui to print its address",
          60,
          () -> SERVING.matcher(ui.stdout()).find() || !ui.isAlive());
      Matcher m = SERVING.matcher(ui.stdout());
      assertTrue(m.find(), ui::toString);
      return new UiSession(ui, Browsers.headlessChromium(), m.group(1), dir);
    } catch (Throwable e) {
      ui.stop();
      throw e;
    }
  }

  /**
   * Opens the page, waits until it is drawn, and returns how long it took, as the page measured it.
   */
  long open(String fragment) {
    browser.get(base + fragment);
    return awaitReady();
  }

  void command(String line) {
    WebElement bar = browser.findElement(By.id("command"));
    bar.clear();
    bar.sendKeys(line, Keys.ENTER);
  }

  void awaitView(String view) {
    wait(20).until(d -> view.equals(d.findElement(By.tagName("body")).getAttribute("data-view")));
    awaitReady();
  }

  void awaitHeading(String start) {
    wait(20)
        .until(
            d ->
                String.valueOf(
                        ((JavascriptExecutor) d)
                            .executeScript(
                                "const h = document.querySelector('main h1'); return h ? h.textContent : '';"))
                    .startsWith(start));
    awaitReady();
  }

  /**
   * Waits for the page in the address bar to be drawn; fails with its message if it shows an error.
   */
  long awaitReady() {
    wait(30).until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
    String error =
        browser.findElements(By.cssSelector("main p.bad")).stream()
            .map(WebElement::getText)
            .findFirst()
            .orElse("");
    assertFalse(
        "error".equals(browser.findElement(By.tagName("body")).getAttribute("data-view")), error);
    return Long.parseLong(browser.findElement(By.tagName("body")).getAttribute("data-render-ms"));
  }

  String main() {
    return browser.findElement(By.tagName("main")).getText();
  }

  List<String> texts(By by) {
    return browser.findElements(by).stream().map(WebElement::getText).toList();
  }

  /** What {@code window.pwned} holds: null unless a captured string ran as script. */
  Object pwned() {
    return script("return window.pwned === undefined ? null : window.pwned;");
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(js, args);
  }

  /** Runs {@code js}, which calls its last argument with the result (a promise's, say). */
  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) browser).executeAsyncScript(js, args);
  }

  WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  /**
   * Saves the window to {@code NAME.png} in {@code mltrace.screenshots} (docs/screenshots when run
   * to refresh them).
   */
  void screenshot(String name) throws Exception {
    Path target =
        Path.of(System.getProperty("mltrace.screenshots", dir.resolve("screenshots").toString()));
    Files.createDirectories(target);
    Files.write(target.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() throws Exception {
    try {
      browser.quit();
    } finally {
      assertEquals(0, ui.stop(), ui::toString);
    }
  }
}
