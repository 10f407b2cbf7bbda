package org.mltrace.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Times pages of a running {@code mltrace ui} by hand, in headless Chromium: each page opened
 * afresh {@code REPEATS} times, the first one reported apart (a cold server and browser). Two
 * figures per page: the page's own {@code data-render-ms} (API call, layout and drawing) and the
 * whole navigation (scripts loaded and parsed too). How docs/performance.md's UI figures were
 * taken:
 *
 * <pre>
 * mvn -B -q -pl integration-tests/tests dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp integration-tests/tests/target/test-classes:$(cat /tmp/cp.txt) org.mltrace.it.UiTimings \
 *     http://127.0.0.1:8321/ 5 '#/components' '#/history/c3' ...
 * </pre>
 */
final class UiTimings {
  private UiTimings() {}

  public static void main(String[] args) {
    String base = args[0];
    int repeats = Integer.parseInt(args[1]);
    ChromeDriver browser = Browsers.headlessChromium();
    try {
      System.out.printf(
          "%-60s %8s %14s %14s %8s%n", "page", "first ms", "render ms", "navigation ms", "items");
      for (int i = 2; i < args.length; i++) {
        List<long[]> times = new ArrayList<>();
        long items = 0;
        for (int r = 0; r <= repeats; r++) {
          browser.get("about:blank");
          browser.get(base + args[i]);
          new WebDriverWait(browser, Duration.ofSeconds(120))
              .until(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
          if ("error".equals(browser.findElement(By.tagName("body")).getAttribute("data-view"))) {
            throw new IllegalStateException(
                args[i] + ": " + browser.findElement(By.tagName("main")).getText());
          }
          long render =
              Long.parseLong(
                  browser.findElement(By.tagName("body")).getAttribute("data-render-ms"));
          long navigation =
              ((Number)
                      ((JavascriptExecutor) browser)
                          .executeScript(
                              "return Number(document.body.dataset.ready) - performance.timeOrigin;"))
                  .longValue();
          times.add(new long[] {render, navigation});
          items = browser.findElements(By.cssSelector("main tbody tr, #trace-graph g.node")).size();
        }
        long[] first = times.remove(0);
        System.out.printf(
            "%-60s %8d %14s %14s %8d%n",
            args[i], first[0], range(times, 0), range(times, 1), items);
      }
    } finally {
      browser.quit();
    }
  }

  /** The median and the maximum of column {@code c}. */
  private static String range(List<long[]> times, int c) {
    long[] v = times.stream().mapToLong(t -> t[c]).sorted().toArray();
    return v[v.length / 2] + " (max " + v[v.length - 1] + ")";
  }
}
