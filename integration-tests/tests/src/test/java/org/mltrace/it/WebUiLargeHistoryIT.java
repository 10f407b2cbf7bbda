package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI on a 10,000-run history ({@code mltrace bench}: five components in a chain, each run
 * reading the previous run's file), in headless Chromium: pages stay paginated and quick, and a
 * 500-run trace, like a 500-node DAG laid out in the page, renders in under a second. The times
 * measured are printed.
 */
class WebUiLargeHistoryIT {
  @TempDir static Path dir;
  static UiSession ui;
  static ChromeDriver browser;

  @BeforeAll
  static void benchAndServe() throws Exception {
    CollectorCli mltrace = CollectorCli.h2(dir);
    ProcessResult bench = mltrace.run("bench", "--runs", "10000");
    assertEquals(0, bench.exitCode(), bench::toString);
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
  void componentsAndHistoryPagesStayPaginated() throws Exception {
    long components = open("#/components");
    assertEquals(5, browser.findElements(By.cssSelector("a.component")).size());
    long first = open("#/history/train");
    assertEquals(50, browser.findElements(By.cssSelector("main tbody tr")).size());
    assertTrue(main().contains("runs 1–50 of 2000"), main());
    long last = open("#/history/train?offset=1950");
    assertTrue(main().contains("runs 1951–2000 of 2000"), main());
    System.out.printf(
        "10,000 runs: components %d ms, history first page %d ms, last page %d ms%n",
        components, first, last);
  }

  @Test
  void aFiveHundredRunTraceRendersInUnderASecond() throws Exception {
    // Warm up (scripts parsed, the server's JIT at work on the trace code): the first trace of a
    // fresh server takes about 2.5 s on this 2-core machine, the next ones about 0.3 s.
    long cold = open("#/trace/benchagent01-400");
    open("#/trace/benchagent01-450");
    long ms = open("#/trace/benchagent01-500");
    assertEquals(500, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    // 500 layers are 100,000 px wide: the box opens scrolled to the traced run, not the oldest.
    Object rootShown =
        ui.script(
            """
        const box = document.querySelector('.graph').getBoundingClientRect();
        const root = document.querySelector('#trace-graph g.node.root').getBoundingClientRect();
        return root.left >= box.left && root.right <= box.right;""");
    assertEquals(Boolean.TRUE, rootShown, "the traced run is in view");
    System.out.printf(
        "trace of a 500-run chain: %d ms (API call, layout and drawing); the first, of 400 runs: %d ms%n",
        ms, cold);
    // Drawing alone takes well under a second (next test); end to end, the API's 500-run walk and
    // marks come on top, measured at 0.3 s to 1 s here: the bound leaves room for a busy CI host.
    assertTrue(ms < 2000, ms + " ms");
  }

  @Test
  void theImpactOfAnEarlyRunStopsAtTwoThousandRunsNearestFirstAndDepthNarrowsIt() {
    // benchagent01-500 has 9,500 runs downstream in the chain: drawing them all took 4 s.
    long ms = open("#/trace/benchagent01-500?impact");
    assertEquals(2000, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    assertTrue(main().contains("2000 runs (truncated)"), main());
    assertEquals(
        1,
        browser
            .findElements(By.cssSelector("#trace-graph g.node[data-run='benchagent01-501']"))
            .size(),
        "the nearest derived run is kept");
    assertEquals(
        0,
        browser
            .findElements(By.cssSelector("#trace-graph g.node[data-run='benchagent01-2500']"))
            .size(),
        "the 2,000th level below is cut");
    long narrowed = open("#/trace/benchagent01-500?impact&depth=100");
    assertEquals(101, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    long upstream = open("#/trace/benchagent01-9000?depth=100");
    assertEquals(101, browser.findElements(By.cssSelector("#trace-graph g.node")).size());
    System.out.printf(
        "impact of 9,500 runs cut to 2,000: %d ms; depth 100 forward %d ms, upstream %d ms%n",
        ms, narrowed, upstream);
  }

  @Test
  void aWideFiveHundredNodeDagLaysOutInUnderASecond() {
    open("#/components");
    // 25 layers of 20 runs, each reading two runs of the layer before: 500 nodes, 960 edges.
    Object ms =
        ((JavascriptExecutor) browser)
            .executeScript(
                """
        const nodes = [], edges = [];
        for (let l = 0; l < 25; l++) for (let i = 0; i < 20; i++) {
          const id = 'r' + l + '-' + i;
          nodes.push({id, component: 'c' + l, status: i % 7 ? 'ok' : 'failed', startTime: '2026-01-01T00:00:00Z',
            failedTriggers: [], flaggedOutputs: [], stale: i % 11 === 0, root: false});
          if (l > 0) {
            edges.push({from: 'r' + (l - 1) + '-' + ((i * 7) % 20), to: id, pointer: 'p'});
            edges.push({from: 'r' + (l - 1) + '-' + ((i * 3 + 1) % 20), to: id, pointer: 'q'});
          }
        }
        const t0 = performance.now();
        const view = document.getElementById('view');
        view.replaceChildren(drawGraph({nodes, edges}, 'upstream', () => {}));
        void document.body.offsetHeight;
        return Math.round(performance.now() - t0);
        """);
    long drawn = browser.findElements(By.cssSelector("#trace-graph g.node")).size();
    assertEquals(500, drawn);
    long took = ((Number) ms).longValue();
    System.out.printf(
        "a 25 x 20 DAG of 500 nodes and 960 edges: laid out and drawn in %d ms%n", took);
    assertTrue(took < 1000, took + " ms");
  }

  private static String main() {
    return ui.main();
  }

  private static long open(String fragment) {
    return ui.open(fragment);
  }
}
