package org.papersift.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paper text with markup in it shows as text on every page type, never as markup. */
class PageXssTest {
  static final LocalDate DAY = LocalDate.of(2025, 3, 18);
  static final String XSS = PageFixture.XSS;
  static PageFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new PageFixture(new TestLibrary().add(PageFixture.xssPaper("2503.66666", DAY),
        TestLibrary.paper("2503.00001", "A harmless neighbour", DAY, "Ada Lovelace")));
    fixture.votes("2503.66666", 1);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/daily?week=2025-W12", "/daily?month=2025-03&sort=trending",
      "/trending", "/search?q=script", "/papers/2503.66666", "/papers/2503.00001",
      "/authors/Ada%20Lovelace", "/authors/%3Cscript%3Ealert(1)%3C%2Fscript%3E%20Author"})
  void paperTextIsText(String path) {
    PageFixture.Response r = fixture.get(path);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(XSS);
    Document doc = r.doc();
    assertOnlyOurScript(doc);
    // The title is on the page as the text it is: a link in listings and among similar papers,
    // the heading on its own page.
    assertThat(doc.select("a, h1").eachText()).contains(XSS + " title");
    if (!path.equals("/papers/2503.00001")) {
      assertThat(doc.select("a").eachText()).contains(XSS + " Author");
      assertThat(doc.text()).contains(XSS + " abstract & more");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "/search?q=x&cat=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&author=%3Cb%3E",
      "/search?q=from:%3Cscript%3E", "/daily?date=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "/papers/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "/authors/%3Cscript%3Ealert(2)%3C%2Fscript%3E"})
  void visitorInputIsTextEvenInErrors(String path) {
    PageFixture.Response r = fixture.get(path);
    assertThat(r.body()).doesNotContain("<script>alert").doesNotContain("<b>");
    assertOnlyOurScript(r.doc());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/papers/2503.66666"})
  void theBibtexIsTextToo(String path) {
    Element pre = fixture.page(path).selectFirst("pre#bibtex");
    assertThat(pre.children()).isEmpty();
    assertThat(pre.wholeText()).contains("{{<script>alert(1)</script> title}}");
  }

  static void assertOnlyOurScript(Document doc) {
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.selectFirst("script").attr("src")).isEqualTo("/static/site.js");
    assertThat(doc.select("b, img, iframe, style")).isEmpty();
    for (Element e : doc.getAllElements()) {
      assertThat(e.attributes().asList()).noneMatch(a -> a.getKey().startsWith("on"));
      assertThat(e.hasAttr("style")).as("no style attributes").isFalse();
    }
    List<String> hrefs = doc.select("[href]").eachAttr("href");
    assertThat(hrefs).noneMatch(h -> h.toLowerCase().startsWith("javascript:"));
  }
}
