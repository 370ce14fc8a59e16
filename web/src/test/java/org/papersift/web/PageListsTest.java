package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Paper;
import org.papersift.web.view.StatusPage;

/** The author, trending and status pages. */
class PageListsTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 18);

  private PageFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private PageFixture serve(Paper... papers) {
    fixture = new PageFixture(new TestLibrary().add(papers));
    return fixture;
  }

  private static List<String> titles(Document doc) {
    return doc.select("ol.items article h2 a").eachText();
  }

  @Test
  void authorPageListsTheirPapersNewestFirst() {
    serve(TestLibrary.paper("2503.00001", "Older", DAY.minusDays(3), "José Müller", "Bo"),
        TestLibrary.paper("2503.00002", "Newer", DAY, "José Müller"),
        TestLibrary.paper("2503.00003", "Someone else's", DAY, "Bo"));
    Document doc = fixture.page("/authors/Jos%C3%A9%20M%C3%BCller");
    assertThat(doc.title()).isEqualTo("Papers by José Müller · papersift");
    assertThat(doc.selectFirst("h1").text()).isEqualTo("José Müller");
    assertThat(titles(doc)).containsExactly("Newer", "Older");
    assertThat(doc.selectFirst("link[rel=alternate]").attr("href"))
        .isEqualTo("/feeds/authors/Jos%C3%A9%20M%C3%BCller.atom");
    // Author links on the page lead back to author pages that exist.
    String bo = doc.select(".authors a").eachAttr("href").stream()
        .filter(h -> h.endsWith("/Bo")).findFirst().orElseThrow();
    assertThat(titles(fixture.page(bo))).containsExactly("Someone else's", "Older");
  }

  @Test
  void namesWithSlashesAndQuotesRoundTrip() {
    serve(TestLibrary.paper("2503.00001", "Slashed", DAY, "Ann O'Neil/Smith"));
    String href = fixture.page("/papers/2503.00001").selectFirst(".authors a").attr("href");
    assertThat(href).isEqualTo("/authors/Ann%20O'Neil%2FSmith");
    assertThat(titles(fixture.page(href))).containsExactly("Slashed");
  }

  @Test
  void unknownAuthorsAre404Pages() {
    serve(TestLibrary.paper("2503.00001", "A paper", DAY, "Ada Lovelace"));
    for (String path : List.of("/authors/Nobody%20Here", "/authors/%20",
        "/authors/" + "x".repeat(600))) {
      PageFixture.Response r = fixture.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.doc().selectFirst("h1").text()).isEqualTo("Not found");
    }
  }

  @Test
  void authorPagesArePaged() {
    List<Paper> papers = new ArrayList<>();
    for (int i = 1; i <= 35; i++) {
      papers.add(TestLibrary.paper(String.format("2503.%05d", i), "Paper " + i,
          DAY.minusDays(i), "Prolific Person"));
    }
    serve(papers.toArray(Paper[]::new));
    Document p1 = fixture.page("/authors/Prolific%20Person");
    assertThat(titles(p1)).hasSize(30).startsWith("Paper 1");
    assertThat(p1.selectFirst(".range").text()).contains("35 papers").contains("showing 1–30");
    assertThat(p1.selectFirst(".pager a[rel=next]").attr("href"))
        .isEqualTo("/authors/Prolific%20Person?p=2");
    Document p2 = fixture.page("/authors/Prolific%20Person?p=2");
    assertThat(titles(p2)).hasSize(5).endsWith("Paper 35");
    assertThat(p2.selectFirst(".pager a[rel=prev]").attr("href"))
        .isEqualTo("/authors/Prolific%20Person");
    assertThat(fixture.get("/authors/Prolific%20Person?p=3").status()).isEqualTo(404);
  }

  @Test
  void trendingStatesTheFormulaAndOrdersByScore() {
    serve(PageFixture.papersOn(DAY, "2503", 40));
    Document empty = fixture.page("/trending");
    assertThat(empty.selectFirst(".empty").text()).startsWith("No paper has votes yet");

    for (int i = 1; i <= 35; i++) {
      fixture.votes(String.format("2503.%05d", i), i);
    }
    Document doc = fixture.page("/trending");
    assertThat(doc.title()).isEqualTo("Trending papers · papersift");
    assertThat(doc.selectFirst(".formula").text())
        .contains("score = number of votes (test library)");
    assertThat(titles(doc)).hasSize(30).startsWith("Paper number 35", "Paper number 34");
    assertThat(doc.selectFirst("ol.items .extra").text()).isEqualTo("score 35.00 · 35 recent votes");
    assertThat(doc.selectFirst("ol.items .vote-button .n").text()).isEqualTo("35");
    assertThat(doc.select("header nav a[aria-current=page]").eachText())
        .containsExactly("Trending");
    assertThat(doc.selectFirst("link[rel=alternate]").attr("href"))
        .isEqualTo("/feeds/trending.atom");
    assertThat(doc.selectFirst(".pager a[rel=next]").attr("href")).isEqualTo("/trending?p=2");

    Document p2 = fixture.page("/trending?p=2");
    assertThat(titles(p2)).containsExactly("Paper number 5", "Paper number 4",
        "Paper number 3", "Paper number 2", "Paper number 1");
    assertThat(fixture.get("/trending?p=3").status()).isEqualTo(404);
  }

  @Test
  void statusShowsCountsProgressAndTheModel() {
    Document doc = serve(PageFixture.papersOn(DAY, "2503", 4)).page("/status");
    assertThat(doc.title()).isEqualTo("Status · papersift");
    assertThat(doc.select("dl.status dt").eachText()).contains("Papers stored",
        "Indexed for keyword search", "Embedded for search by meaning", "Embedding model",
        "Last harvest from arXiv");
    assertThat(doc.select("dl.status dd").eachText()).contains("4", "4 (100 %) 100 %",
        "0 (0 %) 0 %", "test-model", "never");
    assertThat(doc.select("progress").eachAttr("value")).containsExactly("100", "0");
    assertThat(doc.select(".problem")).isEmpty();
  }

  @Test
  void statusShowsAHarvestProblem() {
    StatusPage page = new StatusPage(new Library.Status(1000, 990, 333, "bge-small",
        "2025-03-18T06:00:00Z", "arXiv answered 503 <Service Unavailable>"));
    Document doc = Jsoup.parse(PageFixture.render("status.jte", new Visitor(null, ""), page,
        Map.of()));
    assertThat(doc.selectFirst(".problem[role=alert]").text())
        .contains("arXiv answered 503 <Service Unavailable>");
    assertThat(doc.select("dl.status dd").eachText()).contains("990 (99 %) 99 %",
        "333 (33 %) 33 %", "bge-small", "2025-03-18T06:00:00Z");
  }
}
