package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.papersift.core.paper.Link;
import org.papersift.core.paper.Paper;
import org.papersift.web.view.PaperItem;
import org.papersift.web.view.PaperPage;

class PagePaperTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  static final Paper FULL = new Paper("2503.12345", 3, "Attention is all you need, again",
      "We revisit attention.", List.of("Ada Lovelace", "Alan Turing"),
      List.of("cs.CL", "cs.LG"), DAY, DAY.plusDays(4), "12 pages, 3 figures",
      "Proc. ACL 2025, 1-12", "10.18653/v1/2025.acl-long.1", null,
      List.of(Link.of("code", "https://github.com/example/attention"),
          Link.of("evil", "javascript:alert(1)"),
          Link.of("abs", "http://arxiv.org/abs/2503.12345")));

  private PageFixture fixture;

  @BeforeEach
  void start() {
    fixture = new PageFixture(new TestLibrary().add(FULL,
        TestLibrary.paper("2503.00002", "A neighbour in cs.CL", DAY, "Grace Hopper"),
        TestLibrary.paper("2503.00003", "Another neighbour", DAY, "Grace Hopper"),
        TestLibrary.paper("2503.00004", "Far away", DAY, "X")
            .withCategories(List.of("math.AG")),
        TestLibrary.paper("hep-th/9901001", "An old-style id", DAY.minusYears(26), "Ed Witten")
            .withCategories(List.of("hep-th")),
        TestLibrary.paper("beir-doc-7", "Not from arXiv", DAY, "Someone")
            .withCategories(List.of("cs.IR"))));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void everythingAboutAPaper() {
    fixture.votes("2503.12345", 4);
    Document doc = fixture.page("/papers/2503.12345");
    assertThat(doc.title()).isEqualTo("Attention is all you need, again · papersift");
    assertThat(doc.selectFirst("h1").text()).isEqualTo("Attention is all you need, again");
    assertThat(doc.select(".paper-head .authors a").eachAttr("href"))
        .containsExactly("/authors/Ada%20Lovelace", "/authors/Alan%20Turing");
    assertThat(doc.selectFirst(".abstract").text()).isEqualTo("We revisit attention.");
    assertThat(doc.selectFirst(".paper-id").text()).isEqualTo("2503.12345v3");

    Map<String, String> details = new java.util.LinkedHashMap<>();
    for (Element dt : doc.select("dl.details dt")) {
      details.put(dt.text(), dt.nextElementSibling().text());
    }
    assertThat(details).containsEntry("Published", "2025-03-18")
        .containsEntry("Updated", "2025-03-22 (version 3)")
        .containsEntry("Categories", "cs.CL cs.LG")
        .containsEntry("Comment", "12 pages, 3 figures")
        .containsEntry("Journal reference", "Proc. ACL 2025, 1-12")
        .containsEntry("DOI", "10.18653/v1/2025.acl-long.1");

    assertThat(doc.select(".actions a.button").eachAttr("href")).containsExactly(
        "https://arxiv.org/abs/2503.12345", "https://arxiv.org/pdf/2503.12345",
        "https://doi.org/10.18653/v1/2025.acl-long.1");
    // Source links: http(s) only, and none that repeat the arXiv or DOI links.
    assertThat(doc.select("ul.links a").eachAttr("href"))
        .containsExactly("https://github.com/example/attention");

    String bibtex = doc.selectFirst("pre#bibtex").wholeText();
    assertThat(bibtex).startsWith("@article{lovelace2025attention,")
        .contains("eprint = {2503.12345}").contains("journal = {Proc. ACL 2025, 1-12}");

    assertThat(doc.selectFirst(".actions .vote-button .n").text()).isEqualTo("4");
    assertThat(doc.select("form[action$=/save], form[action$=/unsave]"))
        .as("anonymous visitors cannot save").isEmpty();

    assertThat(doc.select("section.similar li > a").eachText())
        .containsExactlyInAnyOrder("A neighbour in cs.CL", "Another neighbour");
    assertThat(doc.selectFirst("section.similar li > a").attr("href")).startsWith("/papers/");
  }

  @Test
  void unknownAndMalformedIdsAre404Pages() {
    for (String path : List.of("/papers/2501.99999", "/papers/nope", "/papers/%20%20",
        "/papers/..%2F..%2Fetc", "/papers/" + "9".repeat(300))) {
      PageFixture.Response r = fixture.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.doc().selectFirst("h1").text()).isEqualTo("Not found");
      assertThat(r.doc().selectFirst("[role=alert]").text()).contains("no paper with the id");
    }
  }

  @Test
  void otherSpellingsOfAnIdRedirectToThePaper() {
    for (String path : List.of("/papers/2503.12345v2", "/papers/arXiv:2503.12345")) {
      PageFixture.Response r = fixture.get(path);
      assertThat(r.status()).as(path).isEqualTo(301);
      assertThat(r.header("Location")).isEqualTo("/papers/2503.12345");
    }
  }

  @Test
  void oldStyleAndNonArxivIds() {
    Document old = fixture.page("/papers/hep-th/9901001");
    assertThat(old.selectFirst("h1").text()).isEqualTo("An old-style id");
    assertThat(old.select(".actions a.button").eachAttr("href")).containsExactly(
        "https://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/pdf/hep-th/9901001");

    Document other = fixture.page("/papers/beir-doc-7");
    assertThat(other.select(".actions a.button")).isEmpty();
    assertThat(other.selectFirst("pre#bibtex").wholeText()).startsWith("@misc{someone2025not,")
        .doesNotContain("eprint");
  }

  @Test
  void signedInVisitorsCanSaveWithANoteOrUnsave() {
    PaperPage unsaved = new PaperPage(FULL, 3, false, false, BibTex.format(FULL), List.of(),
        List.of(new PaperItem(TestLibrary.paper("2503.00002", "Near", DAY, "G"), 0, false,
            false, null)), "/papers/2503.12345");
    Document doc = Jsoup.parse(PageFixture.render("paper.jte", PageFixture.signedIn(), unsaved,
        Map.of()));
    Element save = doc.selectFirst("form.save");
    assertThat(save.attr("method")).isEqualTo("post");
    assertThat(save.attr("action")).isEqualTo("/papers/2503.12345/save");
    assertThat(save.selectFirst("input[name=_csrf]").val()).isEqualTo("csrf-token-123");
    assertThat(save.selectFirst("input[name=return]").val()).isEqualTo("/papers/2503.12345");
    assertThat(save.selectFirst("textarea[name=note]")).isNotNull();
    assertThat(doc.selectFirst("label[for=note]")).isNotNull();
    Element vote = doc.selectFirst(".actions form.vote");
    assertThat(vote.attr("action")).isEqualTo("/papers/2503.12345/vote");
    assertThat(vote.selectFirst("input[name=_csrf]").val()).isEqualTo("csrf-token-123");

    PaperPage saved = new PaperPage(FULL, 3, true, true, BibTex.format(FULL), List.of(),
        List.of(), "/papers/2503.12345");
    Document savedDoc = Jsoup.parse(PageFixture.render("paper.jte", PageFixture.signedIn(),
        saved, Map.of()));
    Element unsave = savedDoc.selectFirst("form.save");
    assertThat(unsave.attr("action")).isEqualTo("/papers/2503.12345/unsave");
    assertThat(unsave.text()).contains("Saved");
    assertThat(unsave.selectFirst("input[name=_csrf]").val()).isEqualTo("csrf-token-123");
    assertThat(savedDoc.select("form[action$=/save]")).isEmpty();
    assertThat(savedDoc.selectFirst(".actions .vote-button").attr("aria-pressed"))
        .isEqualTo("true");
  }

  @Test
  void theCopyButtonIsHiddenUntilScriptShowsIt() {
    Document doc = fixture.page("/papers/2503.12345");
    Element copy = doc.selectFirst("button.copy");
    assertThat(copy.hasAttr("hidden")).isTrue();
    assertThat(copy.attr("data-copy")).isEqualTo("bibtex");
    PageFixture.Response js = fixture.get("/static/site.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.header("Content-Type")).startsWith("text/javascript");
    assertThat(js.body()).contains("data-copy");
  }
}
