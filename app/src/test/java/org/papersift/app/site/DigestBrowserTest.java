package org.papersift.app.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.papersift.core.mail.OutboxKey;
import org.papersift.core.mail.OutboxMessage;
import org.papersift.mail.DigestContent;
import org.papersift.mail.DigestFixtures;
import org.papersift.mail.DigestMessage;
import org.papersift.mail.DigestRenderer;

/**
 * The digest's HTML part as a phone mail client shows it: composed into a real message, read
 * back from its bytes, opened in chromium at 375 px with scripts off (mail clients run none).
 * Screenshots go to app/target/screenshots (digest-phone.png, digest-desktop.png).
 */
class DigestBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final int PHONE_WIDTH = 375;

  static Chromium.Session chromium;
  static Browser browser;
  static String html;
  static DigestContent content;

  @BeforeAll
  static void composeAndStartBrowser() throws Exception {
    chromium = Chromium.launch();
    browser = chromium.browser();
    content = DigestFixtures.digest("reader@example.org");
    DigestMessage messages = new DigestMessage("papersift <digest@papers.example.org>",
        new DigestRenderer());
    OutboxMessage m = messages.compose(OutboxKey.digest(7, "2026-11-23"), content,
        Instant.parse("2026-11-23T07:00:00Z"));
    MimeMultipart parts = (MimeMultipart) DigestMessage.parse(m.eml()).getContent();
    html = (String) parts.getBodyPart(1).getContent();
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void atPhoneWidthTheDigestFitsIsReadableAndEveryLinkIsThere() {
    BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(PHONE_WIDTH, 740).setDeviceScaleFactor(2).setIsMobile(true)
        .setHasTouch(true).setJavaScriptEnabled(false));
    try {
      Page page = phone.newPage();
      List<String> dialogs = new ArrayList<>();
      page.onDialog(d -> {
        dialogs.add(d.message());
        d.dismiss();
      });
      page.setContent(html);
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("digest-phone.png"))
          .setFullPage(true));

      int scrollWidth = (int) page.evaluate("document.documentElement.scrollWidth");
      assertThat(scrollWidth).as("digest width at %d px", PHONE_WIDTH)
          .isLessThanOrEqualTo(PHONE_WIDTH);

      // Every paper: its title a link to its page, inside the screen, in a readable size.
      Locator titles = page.locator("a[style*='font-weight:bold'][href*='/papers/']");
      assertThat(titles.count()).isEqualTo(4);
      for (int i = 0; i < titles.count(); i++) {
        Locator title = titles.nth(i);
        assertThat(title.isVisible()).isTrue();
        BoundingBox box = title.boundingBox();
        assertThat(box.x).as("title %d left edge", i).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as("title %d right edge", i)
            .isLessThanOrEqualTo(PHONE_WIDTH);
        assertThat(fontSize(title)).as("title %d font size", i).isGreaterThanOrEqualTo(16);
      }
      Locator excerpts = page.locator("p[style*='font-size:15px']");
      assertThat(excerpts.count()).isPositive();
      for (int i = 0; i < excerpts.count(); i++) {
        assertThat(fontSize(excerpts.nth(i))).as("excerpt font size").isGreaterThanOrEqualTo(14);
      }

      // The hostile title is text, nothing ran, nothing was injected.
      assertThat(page.locator("body").textContent()).contains(DigestFixtures.HOSTILE_TITLE)
          .contains("Résumé of 量子 methods");
      assertThat(page.locator("script").count()).isZero();
      assertThat(page.locator("b").count()).isZero();
      assertThat(dialogs).isEmpty();

      // The unsubscribe link is visible on screen and goes to the subscriber's own link.
      Locator unsubscribe = page.getByText("Unsubscribe", new Page.GetByTextOptions()
          .setExact(true));
      assertThat(unsubscribe.isVisible()).isTrue();
      assertThat(unsubscribe.getAttribute("href"))
          .isEqualTo(content.unsubscribeUrl().toString());
      assertThat(fontSize(unsubscribe)).isGreaterThanOrEqualTo(12);
      BoundingBox box = unsubscribe.boundingBox();
      assertThat(box.x + box.width).isLessThanOrEqualTo(PHONE_WIDTH);
      assertThat(box.height).as("unsubscribe tap target height").isGreaterThanOrEqualTo(12);
    } finally {
      phone.close();
    }
  }

  @Test
  void onADesktopTheDigestIsOneColumnOfReadableWidth() {
    BrowserContext desktop = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(1280, 900).setJavaScriptEnabled(false));
    try {
      Page page = desktop.newPage();
      page.setContent(html);
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("digest-desktop.png"))
          .setFullPage(true));
      BoundingBox column = page.locator("h1").boundingBox();
      assertThat(column.width).as("text column width").isLessThanOrEqualTo(600);
      assertThat(page.locator("h2").allTextContents()).hasSize(content.sections().size());
    } finally {
      desktop.close();
    }
  }

  private static double fontSize(Locator element) {
    String px = (String) element.evaluate("e => getComputedStyle(e).fontSize");
    return Double.parseDouble(px.replace("px", ""));
  }
}
