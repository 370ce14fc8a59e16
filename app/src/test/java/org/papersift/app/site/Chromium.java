package org.papersift.app.site;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds Debian's chromium for the browser tests ({@code scripts/install-browser} installs it).
 * Playwright never downloads a browser here. Without one the browser tests skip with a message,
 * except under CI=true, where a missing browser is a failure.
 */
final class Chromium {
  private Chromium() {}

  /** Playwright and the headless chromium it drives; closing it ends both. */
  record Session(Playwright playwright, Browser browser) implements AutoCloseable {
    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }

  /** Starts Debian's chromium under Playwright (or skips/fails as {@link #require} does). */
  static Session launch() {
    Path chromium = require();
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new Session(playwright, playwright.chromium().launch(
          new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  static Path require() {
    Path found = Stream.of(System.getenv("PAPERSIFT_CHROMIUM"), "/usr/bin/chromium",
            "/usr/bin/chromium-browser")
        .filter(s -> s != null && !s.isBlank()).map(Path::of).filter(Files::isExecutable)
        .findFirst().orElse(null);
    if (found == null) {
      String message = "no chromium found (PAPERSIFT_CHROMIUM, /usr/bin/chromium): run"
          + " scripts/install-browser";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true, so the browser tests must run");
      }
      assumeTrue(false, message + "; browser tests skipped");
    }
    return found;
  }
}
