package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site as a person uses it, in Debian's chromium driven by Playwright: browse a day, search,
 * open a paper, sign up, vote, save to the library, export it; a hostile title stays text; a
 * phone-width screen never scrolls sideways. Screenshots go to app/target/screenshots.
 */
class SiteBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path dataDir;
  static RunningSite site;
  static Chromium.Session chromium;
  static Browser browser;

  BrowserContext context;
  Page page;
  final List<String> dialogs = new CopyOnWriteArrayList<>();
  final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startSiteAndBrowser() throws Exception {
    Chromium.require();
    site = RunningSite.start(dataDir);
    chromium = Chromium.launch();
    browser = chromium.browser();
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (site != null) {
      site.close();
    }
  }

  @BeforeEach
  void newContext() {
    context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
    page = context.newPage();
    page.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        consoleErrors.add(m.text());
      }
    });
  }

  @AfterEach
  void closeContext() {
    context.close();
    assertThat(dialogs).as("no script ran from paper or user text").isEmpty();
    assertThat(consoleErrors).as("no errors in the browser console (e.g. CSP)").isEmpty();
  }

  @Test
  void browsesTheLatestDayAndStepsToThePreviousOne() {
    page.navigate(site.url("/").toString());
    assertThat(page.locator("h1").first().textContent()).contains("19");
    assertThat(page.locator("article").count()).isGreaterThanOrEqualTo(30);
    page.locator("a[rel=prev]").first().click();
    assertThat(page.url()).contains("2025-03-18");
    assertThat(page.locator("article").count()).isGreaterThanOrEqualTo(30);
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("daily.png"))
        .setFullPage(true));
  }

  @Test
  void searchesAndOpensAPaper() {
    page.navigate(site.url("/").toString());
    page.getByRole(AriaRole.SEARCHBOX).first().fill("protein structure prediction");
    page.keyboard().press("Enter");
    page.waitForURL("**/search?**");
    var first = page.locator("article a[href^='/papers/']").first();
    String title = first.textContent();
    assertThat(title).contains("protein structure prediction");
    first.click();
    page.waitForURL("**/papers/**");
    assertThat(page.locator("h1").textContent()).isEqualTo(title.strip());
    assertThat(page.content()).contains("We study protein structure prediction");
    assertThat(page.locator("pre").textContent()).contains("@").contains("title");
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("paper.png"))
        .setFullPage(true));
  }

  @Test
  void signsUpVotesSavesAndExportsTheLibrary() throws Exception {
    String paperId = site.papers.get(3).id();
    page.navigate(site.url("/").toString());
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up")).first().click();
    page.getByLabel("Email").fill("reader@example.org");
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
        .fill("correct horse battery");
    page.getByLabel("Repeat password").fill("correct horse battery");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
    assertThat(page.locator("header").textContent()).contains("reader@example.org");

    page.navigate(site.url("/papers/" + paperId).toString());
    page.locator("form[action='/papers/" + paperId + "/vote'] button").first().click();
    var vote = page.locator("form[action='/papers/" + paperId + "/vote'] button").first();
    assertThat(vote.textContent()).contains("1");
    assertThat(vote.getAttribute("aria-pressed")).isEqualTo("true");

    page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true)).fill("read for the reading group <b>Tuesday</b>");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).first().click();
    assertThat(page.content()).contains("Saved");

    page.navigate(site.url("/library").toString());
    assertThat(page.locator("main").textContent())
        .contains(site.papers.get(3).title())
        .contains("read for the reading group <b>Tuesday</b>");

    Download bib = page.waitForDownload(() -> page.locator("a[href='/library.bib']").click());
    String bibtex = Files.readString(bib.path(), StandardCharsets.UTF_8);
    assertThat(bibtex).contains(paperId).contains(site.papers.get(3).title());
    Download jsonl = page.waitForDownload(() -> page.locator("a[href='/library.jsonl']").click());
    String lines = Files.readString(jsonl.path(), StandardCharsets.UTF_8);
    assertThat(lines.lines()).hasSize(1);
    assertThat(lines).contains("\"" + paperId + "\"").contains("reading group");
  }

  @Test
  void aScriptInATitleOrAuthorIsShownAsText() {
    for (String path : List.of("/", "/papers/" + RunningSite.XSS_ID,
        "/search?q=attention", "/daily?date=" + RunningSite.LAST_DAY)) {
      page.navigate(site.url(path).toString());
      assertThat(page.locator("body").textContent()).as(path)
          .contains(RunningSite.XSS_TITLE).contains("Mallory");
      assertThat(page.locator("main script").count()).as(path).isZero();
      assertThat(page.locator("main img").count()).as(path).isZero();
    }
    // dialogs (alert) are asserted empty after each test
  }

  @Test
  void aPhoneWideScreenNeverScrollsSideways() {
    BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(375, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
    try {
      Page p = phone.newPage();
      for (String path : List.of("/", "/trending", "/search?q=graph+neural+networks",
          "/papers/" + site.papers.get(0).id(), "/papers/" + RunningSite.XSS_ID,
          "/authors/Ada%20Lovelace", "/status", "/signin", "/signup")) {
        p.navigate(site.url(path).toString());
        int scrollWidth = (int) p.evaluate("document.documentElement.scrollWidth");
        assertThat(scrollWidth).as("page width at 375 px for " + path).isLessThanOrEqualTo(375);
        String name = path.replaceAll("[^a-z0-9]+", "_");
        p.screenshot(new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("phone" + name + ".png")).setFullPage(true));
      }
    } finally {
      phone.close();
    }
  }
}
