package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.papersift.core.paper.Paper;
import org.papersift.web.view.DailyPage;
import org.papersift.web.view.Listing;
import org.papersift.web.view.Pager;
import org.papersift.web.view.PaperItem;

class PageDailyTest {
  static final LocalDate MON = LocalDate.of(2025, 3, 17);
  static final LocalDate TUE = LocalDate.of(2025, 3, 18);

  private PageFixture fixture;

  private PageFixture serve(Paper... papers) {
    fixture = new PageFixture(new TestLibrary().add(papers));
    return fixture;
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static List<String> titles(Document doc) {
    return doc.select("ol.items article h2 a").eachText();
  }

  private static String href(Document doc, String selector) {
    Element e = doc.selectFirst(selector);
    return e == null ? null : e.attr("href");
  }

  @Test
  void homeShowsTheNewestDay() {
    Document doc = serve(TestLibrary.paper("2503.00001", "Monday paper", MON, "A"),
        TestLibrary.paper("2503.00002", "Tuesday paper", TUE, "B")).page("/");

    assertThat(doc.title()).isEqualTo("Papers of Tuesday 18 March 2025 · papersift");
    assertThat(doc.selectFirst("h1").text()).isEqualTo("Tuesday 18 March 2025");
    assertThat(titles(doc)).containsExactly("Tuesday paper");
    assertThat(href(doc, ".period a[rel=prev]")).isEqualTo("/daily?date=2025-03-17");
    assertThat(doc.select(".period a[rel=next]")).as("nothing newer than the newest day").isEmpty();
    assertThat(doc.select("header nav a[aria-current=page]").eachText()).containsExactly("Today");
    assertThat(href(doc, "link[rel=alternate][type=application/atom+xml]"))
        .isEqualTo("/feeds/daily.atom");
  }

  @Test
  void dayPageLinksToTheDaysAroundIt() {
    serve(TestLibrary.paper("2503.00001", "Monday paper", MON, "A"),
        TestLibrary.paper("2503.00002", "Tuesday paper", TUE, "B"));
    for (String path : List.of("/daily?date=2025-03-17", "/daily/2025-03-17")) {
      Document doc = fixture.page(path);
      assertThat(titles(doc)).containsExactly("Monday paper");
      assertThat(href(doc, ".period a[rel=prev]")).isEqualTo("/daily?date=2025-03-16");
      assertThat(href(doc, ".period a[rel=next]")).isEqualTo("/daily?date=2025-03-18");
      assertThat(doc.select(".switch a").eachAttr("href")).contains("/daily?date=2025-03-17",
          "/daily?week=2025-W12", "/daily?month=2025-03");
      assertThat(href(doc, "link[rel=alternate]")).isEqualTo("/feeds/daily.atom?date=2025-03-17");
    }
  }

  @Test
  void dayWithoutPapersSaysSo() {
    Document doc = serve(TestLibrary.paper("2503.00002", "Tuesday paper", TUE, "B"))
        .page("/daily?date=2025-03-16");
    assertThat(doc.select("ol.items")).isEmpty();
    assertThat(doc.selectFirst(".empty").text()).contains("No papers were published on this day");
    assertThat(href(doc, ".period a[rel=next]")).isEqualTo("/daily?date=2025-03-17");
  }

  @Test
  void emptyLibraryHasAFirstRunPage() {
    Document doc = serve().page("/");
    assertThat(doc.selectFirst("h1").text()).isEqualTo("No papers yet");
    assertThat(doc.select("a[href=/status]")).isNotEmpty();
    assertThat(fixture.page("/daily").selectFirst("h1").text()).isEqualTo("No papers yet");
  }

  @Test
  void isoWeekOneStartsInTheYearBefore() {
    Document doc = serve(
        TestLibrary.paper("2412.00001", "Sunday before", LocalDate.of(2024, 12, 29), "A"),
        TestLibrary.paper("2412.00002", "First Monday", LocalDate.of(2024, 12, 30), "A"),
        TestLibrary.paper("2501.00003", "First Sunday", LocalDate.of(2025, 1, 5), "A"),
        TestLibrary.paper("2501.00004", "Second Monday", LocalDate.of(2025, 1, 6), "A"))
        .page("/daily?week=2025-W01");

    assertThat(titles(doc)).containsExactlyInAnyOrder("First Monday", "First Sunday");
    assertThat(doc.selectFirst("h1").text()).isEqualTo("Week 1 of 2025");
    assertThat(doc.selectFirst(".range").text()).isEqualTo("30 December 2024 – 5 January 2025");
    assertThat(href(doc, ".period a[rel=prev]")).isEqualTo("/daily?week=2024-W52");
    assertThat(href(doc, ".period a[rel=next]")).isEqualTo("/daily?week=2025-W02");
    assertThat(doc.selectFirst(".switch a[aria-current=page]").text()).isEqualTo("Week");

    // The week switch of a day at the turn of the year names the ISO week, not the calendar year.
    Document dec31 = fixture.page("/daily?date=2024-12-31");
    assertThat(dec31.select(".switch a").eachAttr("href")).contains("/daily?week=2025-W01",
        "/daily?month=2024-12");
  }

  @Test
  void yearsWith53Weeks() {
    serve(TestLibrary.paper("2612.00001", "Late", LocalDate.of(2026, 12, 31), "A"));
    Document w53 = fixture.page("/daily?week=2026-W53");
    assertThat(titles(w53)).containsExactly("Late");
    assertThat(w53.selectFirst(".range").text()).isEqualTo("28 December 2026 – 3 January 2027");
    assertThat(fixture.page("/daily?week=2020-W53").selectFirst("h1").text())
        .isEqualTo("Week 53 of 2020");

    PageFixture.Response r = fixture.get("/daily?week=2025-W53");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.doc().selectFirst("[role=alert]").text()).contains("W01 to W52");
  }

  @Test
  void monthsHaveTheirLengthsAndLeapDays() {
    serve(TestLibrary.paper("2402.00001", "Leap day", LocalDate.of(2024, 2, 29), "A"),
        TestLibrary.paper("2403.00002", "March first", LocalDate.of(2024, 3, 1), "A"),
        TestLibrary.paper("2502.00003", "End of a short February", LocalDate.of(2025, 2, 28), "A"),
        TestLibrary.paper("2501.00004", "January", LocalDate.of(2025, 1, 31), "A"));

    Document feb = fixture.page("/daily?month=2024-02");
    assertThat(titles(feb)).containsExactly("Leap day");
    assertThat(feb.selectFirst("h1").text()).isEqualTo("February 2024");
    assertThat(href(feb, ".period a[rel=prev]")).isEqualTo("/daily?month=2024-01");
    assertThat(href(feb, ".period a[rel=next]")).isEqualTo("/daily?month=2024-03");

    assertThat(titles(fixture.page("/daily?month=2025-02")))
        .containsExactly("End of a short February");
    Document dec = fixture.page("/daily?month=2024-12");
    assertThat(href(dec, ".period a[rel=next]")).isEqualTo("/daily?month=2025-01");
    assertThat(href(fixture.page("/daily?month=2025-01"), ".period a[rel=prev]"))
        .isEqualTo("/daily?month=2024-12");

    Document leap = fixture.page("/daily?date=2024-02-29");
    assertThat(titles(leap)).containsExactly("Leap day");
    assertThat(href(leap, ".period a[rel=next]")).isEqualTo("/daily?date=2024-03-01");
    assertThat(href(fixture.page("/daily?date=2024-03-01"), ".period a[rel=prev]"))
        .isEqualTo("/daily?date=2024-02-29");

    PageFixture.Response noLeap = fixture.get("/daily?date=2025-02-29");
    assertThat(noLeap.status()).isEqualTo(400);
    assertThat(noLeap.doc().selectFirst("[role=alert]").text()).contains("no such day");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/daily?date=2025-3-18       | date: expected a date like 2025-03-18",
      "/daily?date=yesterday       | date: expected a date like 2025-03-18",
      "/daily?date=2025-13-01      | no such day",
      "/daily?date=2025-04-31      | no such day",
      "/daily/2025-03-32           | no such day",
      "/daily?week=2025-12         | week: expected an ISO week like 2025-W12",
      "/daily?week=2025-W00        | W01 to W52",
      "/daily?week=2025-W1         | week: expected an ISO week",
      "/daily?month=2025-13        | month: months run from 01 to 12",
      "/daily?month=2025-1         | month: expected a month like 2025-03",
      "/daily?month=March          | month: expected a month like 2025-03",
      "/daily?date=2025-03-18&week=2025-W12 | not several",
      "/daily?date=2025-03-18&sort=votes    | sort: expected publishedAt or trending",
      "/?p=0                       | p: pages are numbered from 1",
      "/?p=-1                      | p: expected a page number",
      "/?p=abc                     | p: expected a page number",
      "/?p=1.5                     | p: expected a page number",
      "/?p=99999999999             | p: expected a page number",
      "/daily?date=2025-03-18&p=2x | p: expected a page number",
      "/trending?p=0               | p: pages are numbered from 1",
      "/authors/A?p=x              | p: expected a page number",
  })
  void malformedParametersAreA400SayingWhatWasWrong(String path, String message) {
    serve(TestLibrary.paper("2503.00002", "Tuesday paper", TUE, "A"));
    PageFixture.Response r = fixture.get(path);
    assertThat(r.status()).isEqualTo(400);
    Document doc = r.doc();
    assertThat(doc.selectFirst("[role=alert]").text()).contains(message);
    assertThat(doc.title()).contains("Error 400");
  }

  @Test
  void pagesOfThirty() {
    serve(PageFixture.papersOn(TUE, "2503", 65));
    Document p1 = fixture.page("/daily?date=2025-03-18");
    assertThat(titles(p1)).hasSize(30);
    assertThat(p1.selectFirst(".count").text()).isEqualTo("65 papers, showing 1–30");
    assertThat(p1.select(".pager a[rel=prev]")).isEmpty();
    assertThat(href(p1, ".pager a[rel=next]")).isEqualTo("/daily?date=2025-03-18&p=2");
    assertThat(p1.selectFirst(".pager .where").text()).isEqualTo("Page 1 of 3");

    Document p2 = fixture.page("/daily?date=2025-03-18&p=2");
    assertThat(titles(p2)).hasSize(30).doesNotContainAnyElementsOf(titles(p1));
    assertThat(p2.selectFirst("ol.items").attr("start")).isEqualTo("31");
    assertThat(href(p2, ".pager a[rel=prev]")).isEqualTo("/daily?date=2025-03-18");
    assertThat(href(p2, ".pager a[rel=next]")).isEqualTo("/daily?date=2025-03-18&p=3");

    Document p3 = fixture.page("/daily?date=2025-03-18&p=3");
    assertThat(titles(p3)).hasSize(5);
    assertThat(p3.select(".pager a[rel=next]")).isEmpty();
    assertThat(p3.selectFirst(".count").text()).isEqualTo("65 papers, showing 61–65");

    assertThat(fixture.get("/daily?date=2025-03-18&p=4").status()).isEqualTo(404);
    // The home page pages the same way, with links that stay valid tomorrow.
    assertThat(href(fixture.page("/"), ".pager a[rel=next]"))
        .isEqualTo("/daily?date=2025-03-18&p=2");
  }

  @Test
  void sortByVotesKeepsTheDateAndPages() {
    serve(PageFixture.papersOn(TUE, "2503", 35));
    fixture.votes("2503.00017", 3);
    fixture.votes("2503.00009", 1);
    Document doc = fixture.page("/daily?date=2025-03-18&sort=trending");
    assertThat(titles(doc).subList(0, 2)).containsExactly("Paper number 17", "Paper number 9");
    assertThat(doc.selectFirst(".switch[aria-label=Order] a[aria-current=page]").text())
        .isEqualTo("Most voted");
    assertThat(href(doc, ".pager a[rel=next]"))
        .isEqualTo("/daily?date=2025-03-18&sort=trending&p=2");
    assertThat(href(doc, ".period a[rel=prev]")).isEqualTo("/daily?date=2025-03-17&sort=trending");
    assertThat(doc.select(".switch[aria-label=Order] a").eachAttr("href"))
        .containsExactly("/daily?date=2025-03-18", "/daily?date=2025-03-18&sort=trending");
    assertThat(fixture.page("/daily?date=2025-03-18&sort=publishedAt")
        .selectFirst(".switch[aria-label=Order] a[aria-current=page]").text()).isEqualTo("Newest");
  }

  @Test
  void anItemShowsTitleAuthorsCategoryDateVotesAndExcerpt() {
    Paper many = TestLibrary.paper("2503.00042", "Many hands", TUE, "Ann One", "Bob Two",
        "Cy Three", "Di Four", "Ed Five", "Flo Six", "Gus Seven")
        .withAbstract("word ".repeat(200));
    serve(many);
    fixture.votes("2503.00042", 2);
    Document doc = fixture.page("/daily?date=2025-03-18");
    Element item = doc.selectFirst("ol.items article");

    assertThat(item.selectFirst("h2 a").attr("href")).isEqualTo("/papers/2503.00042");
    assertThat(item.select(".authors a").eachText())
        .containsExactly("Ann One", "Bob Two", "Cy Three", "Di Four", "3 more");
    assertThat(item.selectFirst(".authors a").attr("href")).isEqualTo("/authors/Ann%20One");
    assertThat(item.selectFirst(".authors").text()).endsWith("Di Four and 3 more");
    assertThat(item.select(".authors a").last().attr("href")).isEqualTo("/papers/2503.00042");
    assertThat(item.selectFirst(".cat").text()).isEqualTo("cs.CL");
    assertThat(item.selectFirst("time").attr("datetime")).isEqualTo("2025-03-18");
    assertThat(item.selectFirst(".vote-button .n").text()).isEqualTo("2");
    String excerpt = item.selectFirst(".excerpt").text();
    assertThat(excerpt).endsWith("…").hasSizeLessThanOrEqualTo(PaperItem.EXCERPT_CHARS + 1);

    // Anonymous visitors get a link to sign in that brings them back here.
    Element vote = item.selectFirst("a.vote-button");
    assertThat(vote.attr("href")).isEqualTo("/signin?return=%2Fdaily%3Fdate%3D2025-03-18");
    assertThat(item.select("form.vote")).isEmpty();
  }

  @Test
  void signedInVisitorsGetAVoteFormAndTheirAccountLinks() {
    Paper p = TestLibrary.paper("2503.00042", "Voted paper", TUE, "A");
    Paper q = TestLibrary.paper("hep-th/9901001", "Other paper", TUE, "B");
    Listing listing = new Listing(List.of(new PaperItem(p, 5, true, true, null),
        new PaperItem(q, 0, false, false, null)), 2, 0, new Pager(1, 1, null, null),
        "/daily?date=2025-03-18");
    DailyPage page = new DailyPage("day", "Tuesday 18 March 2025", null, "/daily?date=2025-03-17",
        "17 March 2025", null, null, "/d", "/w", "/m", "2025-03-18", false, "/a", "/b", listing,
        "/feeds/daily.atom", false);
    Document doc = Jsoup.parse(PageFixture.render("daily.jte", PageFixture.signedIn(), page,
        Map.of("home", true)));

    Element form = doc.selectFirst("ol.items form.vote");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/papers/2503.00042/vote");
    assertThat(form.selectFirst("input[name=_csrf]").val()).isEqualTo("csrf-token-123");
    assertThat(form.selectFirst("input[name=return]").val()).isEqualTo("/daily?date=2025-03-18");
    assertThat(form.selectFirst("button").attr("aria-pressed")).isEqualTo("true");
    assertThat(form.selectFirst("button").hasClass("voted")).isTrue();
    assertThat(doc.select("ol.items form.vote").get(1).attr("action"))
        .isEqualTo("/papers/hep-th/9901001/vote");
    assertThat(doc.select("ol.items form.vote button").get(1).attr("aria-pressed"))
        .isEqualTo("false");
    assertThat(doc.select("ol.items .saved").eachText()).containsExactly("Saved");

    Element account = doc.selectFirst("header nav.account");
    assertThat(account.text()).contains("ada@example.org");
    assertThat(account.select("a").eachAttr("href")).containsExactly("/library", "/account");
    Element signout = account.selectFirst("form");
    assertThat(signout.attr("action")).isEqualTo("/signout");
    assertThat(signout.attr("method")).isEqualTo("post");
    assertThat(signout.selectFirst("input[name=_csrf]").val()).isEqualTo("csrf-token-123");
    assertThat(doc.select("a[href=/signin]")).isEmpty();
  }

  @Test
  void anonymousVisitorsGetSignInAndSignUp() {
    Document doc = serve(TestLibrary.paper("2503.00002", "Tuesday paper", TUE, "A")).page("/");
    assertThat(doc.select("header nav.account a").eachAttr("href"))
        .containsExactly("/signin", "/signup");
    assertThat(doc.select("form[action=/signout]")).isEmpty();
    Element search = doc.selectFirst("header form[action=/search]");
    assertThat(search.attr("method")).isEqualTo("get");
    assertThat(doc.selectFirst("label[for=site-q]")).isNotNull();
  }
}
