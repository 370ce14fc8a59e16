package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.web.view.DailyPage;
import org.papersift.web.view.Listing;
import org.papersift.web.view.Pager;
import org.papersift.web.view.PaperItem;
import org.papersift.web.view.PaperPage;
import org.papersift.web.view.StatusPage;

/**
 * Every page type is valid HTML (the Nu validator finds no error and no warning), works under
 * the CSP (no inline style or script) and is built for people: a lang, one h1, headings in
 * order, a label on every input.
 */
class PageHtmlTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  static final Paper FULL = new Paper("2503.12345", 2, "A full paper", "The abstract.",
      List.of("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov",
          "Donald Knuth"), List.of("cs.CL", "cs.LG"), DAY, DAY.plusDays(1), "A comment",
      "A journal", "10.1000/x y", "http://creativecommons.org/licenses/by/4.0/",
      List.of(Link.of("code", "https://example.org/code")));
  static PageFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new PageFixture(new TestLibrary().add(FULL, PageFixture.xssPaper("2503.66666", DAY))
        .add(PageFixture.papersOn(DAY, "2503", 40)));
    fixture.votes("2503.00002", 2);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static String validate(String html) throws Exception {
    EmbeddedValidator v = new EmbeddedValidator();
    v.setOutputFormat(EmbeddedValidator.OutputFormat.GNU);
    return v.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))).strip();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/daily?date=2025-03-18&p=2", "/daily?week=2025-W12",
      "/daily?month=2025-03&sort=trending", "/daily?date=2025-03-16", "/trending", "/search",
      "/search?q=paper&cat=cs.CL&from=2025-01-01", "/search?q=from:2025-13-01",
      "/search?q=paper&mode=bogus", "/papers/2503.12345", "/papers/2503.66666",
      "/authors/Ada%20Lovelace", "/status", "/papers/nope", "/daily?date=2025-02-30",
      "/search?q=" + "a"})
  void pagesAreValidHtml(String path) throws Exception {
    PageFixture.Response r = fixture.get(path);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(validate(r.body())).as("Nu validator on %s", path).isEmpty();
    assertPageBasics(r.doc(), path);
  }

  @Test
  void errorPagesFromJettyAreValidToo() throws Exception {
    PageFixture.Response r = fixture.get("/search?q=" + "a".repeat(30_000));
    assertThat(r.status()).isEqualTo(414);
    assertThat(validate(r.body())).isEmpty();
    assertPageBasics(r.doc(), "oversized");
  }

  @Test
  void emptyLibraryPageIsValid() throws Exception {
    try (PageFixture empty = new PageFixture(new TestLibrary())) {
      String body = empty.get("/").body();
      assertThat(validate(body)).isEmpty();
      assertPageBasics(Jsoup.parse(body), "/ (empty)");
    }
  }

  @Test
  void signedInPagesAreValid() throws Exception {
    Visitor v = PageFixture.signedIn();
    PaperItem item = new PaperItem(FULL, 3, true, true, "score 1.00 · 1 recent vote");
    Listing listing = new Listing(List.of(item), 31, 0, new Pager(1, 2, null, "/?p=2"), "/");
    DailyPage daily = new DailyPage("day", "Tuesday 18 March 2025", null,
        "/daily?date=2025-03-17", "17 March 2025", "/daily?date=2025-03-19", "19 March 2025",
        "/d", "/w", "/m", "2025-03-18", false, "/a", "/b", listing, "/feeds/daily.atom", false);
    for (String html : List.of(
        PageFixture.render("daily.jte", v, daily, Map.of("home", true)),
        PageFixture.render("paper.jte", v, new PaperPage(FULL, 3, false, false,
            BibTex.format(FULL), FULL.links(), List.of(item), "/papers/2503.12345"), Map.of()),
        PageFixture.render("paper.jte", v, new PaperPage(FULL, 3, true, true,
            BibTex.format(FULL), List.of(), List.of(), "/papers/2503.12345"), Map.of()),
        PageFixture.render("status.jte", v, new StatusPage(new Library.Status(10, 5, 1, null,
            "2025-03-18T06:00:00Z", "it <broke>")), Map.of()))) {
      assertThat(validate(html)).isEmpty();
      assertPageBasics(Jsoup.parse(html), "signed in");
    }
  }

  static void assertPageBasics(Document doc, String what) {
    assertThat(doc.selectFirst("html").attr("lang")).as(what).isEqualTo("en");
    assertThat(doc.title()).as(what).endsWith(" · papersift").isNotEqualTo(" · papersift");
    assertThat(doc.select("h1")).as("one h1 on %s", what).hasSize(1);
    assertThat(doc.select("header.site nav")).as(what).isNotEmpty();
    assertThat(doc.select("main#main")).as(what).hasSize(1);
    // Headings never skip a level.
    int previous = 1;
    for (var h : doc.select("main h1, main h2, main h3, main h4, main h5, main h6")) {
      int level = h.tagName().charAt(1) - '0';
      assertThat(level).as("%s: heading %s after h%d", what, h.text(), previous)
          .isLessThanOrEqualTo(previous + 1);
      previous = level;
    }
    // Every visible form control has a label.
    for (var input : doc.select("input:not([type=hidden]), select, textarea")) {
      String id = input.id();
      assertThat(id).as("%s: control %s has an id", what, input).isNotEmpty();
      assertThat(doc.select("label[for=" + id + "]")).as("%s: label for #%s", what, id)
          .isNotEmpty();
    }
    // The CSP allows no inline style or script.
    assertThat(doc.select("style")).as(what).isEmpty();
    assertThat(doc.select("script:not([src])")).as(what).isEmpty();
    assertThat(doc.select("[style]")).as(what).isEmpty();
    for (var e : doc.getAllElements()) {
      assertThat(e.attributes().asList()).as(what).noneMatch(a -> a.getKey().startsWith("on"));
    }
    // Every form that changes something posts, with the CSRF token.
    for (var form : doc.select("form[method=post]")) {
      assertThat(form.select("input[type=hidden][name=_csrf]")).as(what).hasSize(1);
    }
  }
}
