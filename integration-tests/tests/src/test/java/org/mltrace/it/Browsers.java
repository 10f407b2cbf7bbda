package org.mltrace.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver (packages {@code chromium} and {@code
 * chromium-driver}, which .ci/run installs). Without them the browser tests are skipped with a
 * message, unless {@code MLTRACE_REQUIRE_BROWSER=true} (CI), which fails them instead. The driver
 * is given explicitly, so Selenium Manager never downloads one.
 */
final class Browsers {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browsers() {}

  static ChromeDriver headlessChromium() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String why =
          "no "
              + CHROMIUM
              + " or "
              + DRIVER
              + " (apt-get install chromium chromium-driver): skipping browser tests";
      if ("true".equals(System.getenv("MLTRACE_REQUIRE_BROWSER"))) {
        Assertions.fail(why.replace("skipping", "required by MLTRACE_REQUIRE_BROWSER"));
      }
      System.err.println(why);
      Assumptions.abort(why);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--hide-scrollbars");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
