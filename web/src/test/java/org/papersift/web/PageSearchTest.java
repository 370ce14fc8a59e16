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
import org.papersift.core.query.SearchQuery;
import org.papersift.web.view.Listing;
import org.papersift.web.view.Pager;
import org.papersift.web.view.PaperItem;
import org.papersift.web.view.SearchForm;
import org.papersift.web.view.SearchPage;

class PageSearchTest {
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

  private static Paper paper(String id, String title, String category, LocalDate day,
      String... authors) {
    return TestLibrary.paper(id, title, day, authors).withCategories(List.of(category));
  }

  private static Paper[] many(int n, String word) {
    List<Paper> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(TestLibrary.paper(String.format("2503.%05d", i), word + " study " + i,
          DAY.minusDays(i % 300), "Author " + i));
    }
    return out.toArray(Paper[]::new);
  }

  @Test
  void blankSearchShowsTheForm() {
    Document doc = serve(many(3, "graph")).page("/search");
    assertThat(doc.title()).isEqualTo("Search · papersift");
    assertThat(doc.selectFirst("main form.search").attr("action")).isEqualTo("/search");
    assertThat(doc.select("main form.search label").eachText())
        .contains("Words", "Ranking", "Category", "Author", "From", "To");
    assertThat(doc.select("ol.items, .count, .problem")).isEmpty();
    assertThat(doc.select("header form.site-search")).as("no second search box").isEmpty();
    assertThat(doc.select("select#mode option[selected]").eachAttr("value"))
        .containsExactly("hybrid");
  }

  @Test
  void resultsWithCountAndTheFormFilledIn() {
    Document doc = serve(paper("2503.00001", "Graph neural networks", "cs.LG", DAY, "A"),
        paper("2503.00002", "Language models", "cs.CL", DAY, "B")).page("/search?q=graph");
    assertThat(doc.title()).isEqualTo("Search: graph · papersift");
    assertThat(titles(doc)).containsExactly("Graph neural networks");
    assertThat(doc.selectFirst(".count").text()).startsWith("1 paper matches; showing 1–1.");
    assertThat(doc.selectFirst("input#q").val()).isEqualTo("graph");
    assertThat(doc.selectFirst("link[rel=alternate]").attr("href"))
        .isEqualTo("/feeds/search.atom?q=graph");

    Document none = fixture.page("/search?q=nothingmatchesthis");
    assertThat(none.selectFirst(".empty").text()).startsWith("No paper matches");
  }

  @Test
  void filtersFromTheFormAndFromTheQueryText() {
    serve(paper("2503.00001", "Graph one", "cs.LG", DAY, "Ada Lovelace"),
        paper("2503.00002", "Graph two", "cs.CL", DAY, "Ada Lovelace"),
        paper("2503.00003", "Graph three", "cs.LG", DAY.minusDays(40), "Ada Lovelace"),
        paper("2503.00004", "Graph four", "cs.LG", DAY, "Alan Turing"));

    Document doc = fixture.page(
        "/search?q=graph&cat=cs.LG&author=Ada+Lovelace&from=2025-03-01&to=2025-03-31&mode=bm25");
    assertThat(titles(doc)).containsExactly("Graph one");
    assertThat(doc.selectFirst("details.filters").hasAttr("open")).isTrue();
    assertThat(doc.selectFirst("input#cat").val()).isEqualTo("cs.LG");
    assertThat(doc.selectFirst("input#author").val()).isEqualTo("Ada Lovelace");
    assertThat(doc.selectFirst("input#from").val()).isEqualTo("2025-03-01");
    assertThat(doc.select("select#mode option[selected]").eachAttr("value"))
        .containsExactly("bm25");
    assertThat(doc.selectFirst("link[rel=alternate]").attr("href")).isEqualTo(
        "/feeds/search.atom?q=graph+cat%3Acs.LG+author%3A%22Ada+Lovelace%22"
            + "+from%3A2025-03-01+to%3A2025-03-31");

    assertThat(titles(fixture.page("/search?q=graph+cat:cs.LG+author:Turing")))
        .containsExactly("Graph four");
    // Filters alone list every paper that passes them.
    assertThat(titles(fixture.page("/search?cat=cs.CL"))).containsExactly("Graph two");
    assertThat(fixture.page("/search?q=graph").selectFirst("details.filters").hasAttr("open"))
        .isFalse();
  }

  @Test
  void pagesSliceTheResultsAndKeepTheQuery() {
    serve(many(70, "graph"));
    Document p1 = fixture.page("/search?q=graph&mode=dense");
    assertThat(titles(p1)).hasSize(30);
    assertThat(p1.selectFirst(".count").text()).startsWith("70 papers match; showing 1–30.");
    assertThat(p1.selectFirst(".pager a[rel=next]").attr("href"))
        .isEqualTo("/search?q=graph&mode=dense&p=2");

    Document p2 = fixture.page("/search?q=graph&mode=dense&p=2");
    assertThat(titles(p2)).hasSize(30).doesNotContainAnyElementsOf(titles(p1));
    assertThat(p2.selectFirst(".count").text()).startsWith("70 papers match; showing 31–60.");
    assertThat(p2.selectFirst(".pager a[rel=prev]").attr("href"))
        .isEqualTo("/search?q=graph&mode=dense");

    Document p3 = fixture.page("/search?q=graph&mode=dense&p=3");
    assertThat(titles(p3)).hasSize(10);
    assertThat(p3.select(".pager a[rel=next]")).isEmpty();
    assertThat(fixture.get("/search?q=graph&p=4").status()).isEqualTo(404);
  }

  @Test
  void onlyTheFirstThousandCanBePagedAndThePageSaysSo() {
    serve(many(1_010, "graph"));
    Document p1 = fixture.page("/search?q=graph");
    assertThat(p1.selectFirst(".count").text()).contains("1010 papers match")
        .contains("Only the first 1000 can be paged through");
    assertThat(p1.selectFirst(".pager .where").text()).isEqualTo("Page 1 of 34");

    Document last = fixture.page("/search?q=graph&p=34");
    assertThat(titles(last)).hasSize(10);
    assertThat(last.selectFirst(".count").text()).contains("showing 991–1000");
    assertThat(last.select(".pager a[rel=next]")).isEmpty();

    PageFixture.Response beyond = fixture.get("/search?q=graph&p=35");
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.doc().selectFirst("[role=alert]").text())
        .contains("only the first 1000 results can be paged through");
  }

  @Test
  void rejectedQueriesAreA400WithTheMessageAndTheFormKept() {
    serve(many(3, "graph"));
    PageFixture.Response r = fixture.get("/search?q=graph+from:2025-13-01");
    assertThat(r.status()).isEqualTo(400);
    Document doc = r.doc();
    assertThat(doc.selectFirst(".problem[role=alert]").text())
        .contains("from: expected a date like 2025-03-18");
    assertThat(doc.selectFirst("input#q").val()).isEqualTo("graph from:2025-13-01");
    assertThat(doc.title()).isEqualTo("Search: not a valid query · papersift");

    PageFixture.Response mode = fixture.get("/search?q=graph&mode=bogus");
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.doc().selectFirst("[role=alert]").text())
        .contains("mode: expected bm25, dense or hybrid");

    PageFixture.Response date = fixture.get("/search?q=graph&from=2025-02-30");
    assertThat(date.status()).isEqualTo(400);
    assertThat(date.doc().selectFirst("[role=alert]").text()).contains("from:").contains("no such day");

    PageFixture.Response range = fixture.get("/search?q=graph&from=2025-03-02&to=2025-03-01");
    assertThat(range.status()).isEqualTo(400);
    assertThat(range.doc().selectFirst("[role=alert]").text()).contains("date range is empty");

    PageFixture.Response page = fixture.get("/search?q=graph&p=zero");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.doc().selectFirst("[role=alert]").text()).contains("p: expected a page number");
  }

  @Test
  void hugeQueriesAreAClearRefusal() {
    serve(many(3, "graph"));
    // Both are over Jetty's 8 KB request line: 414 URI Too Long, with the site's error page.
    for (int size : List.of(SearchQuery.MAX_TEXT_CHARS + 1, 1_000_000)) {
      PageFixture.Response r = fixture.get("/search?q=" + "a".repeat(size));
      assertThat(r.status()).as("%d characters", size).isEqualTo(414);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      Document doc = r.doc();
      assertThat(doc.selectFirst("[role=alert]").text()).contains("too long");
      assertThat(r.body()).hasSizeLessThan(20_000);
    }
    // The page still answers afterwards.
    assertThat(fixture.get("/search?q=graph").status()).isEqualTo(200);
  }

  @Test
  void notesFromTheLibraryAreShown() {
    Paper p = TestLibrary.paper("2503.00001", "Graph", DAY, "A");
    Listing listing = new Listing(List.of(new PaperItem(p, 0, false, false, null)), 1, 0,
        new Pager(1, 1, null, null), "/search?q=graph(");
    SearchPage page = new SearchPage(new SearchForm("graph(", "", "", "", "", ""), null,
        List.of("the query was not valid syntax and was searched as plain words"), 1, false,
        1000, listing, "/feeds/search.atom?q=graph%28");
    Document doc = Jsoup.parse(PageFixture.render("search.jte", new Visitor(null, ""), page,
        Map.of()));
    assertThat(doc.select("ul.notes li").eachText())
        .containsExactly("the query was not valid syntax and was searched as plain words");
  }
}
